// NutUI pieces, each with its own CSS only (importing the whole library would bloat the main package).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
