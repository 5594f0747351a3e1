// The tests run the H5 flavour of the code (stand-in WeChat codes, inner-input labels).
process.env.TARO_ENV = 'h5';
