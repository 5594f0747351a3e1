import { View } from '@tarojs/components';
import { FieldError } from './status';
import { fieldClass } from './form-errors';
import { Button } from './ui';
import { DEMO_LOCATION, chooseLocation, usesLocationStandIn } from '../platform/wechat';
import { TextField } from './text-field';

export interface LocationDraft {
  address: string;
  lat: string;
  lng: string;
}

/**
 * weapp: WeChat's map picker fills the point and the address (the address stays editable).
 * H5 has no map picker: the address is typed, and the point is typed or the demo street's.
 */
export function LocationField({
  value,
  onChange,
  addressError,
  pointError,
  label = '问题位置',
}: {
  value: LocationDraft;
  onChange: (next: LocationDraft) => void;
  addressError?: string;
  pointError?: string;
  /** the field's heading (a volunteer shift's place reuses it) */
  label?: string;
}) {
  const hasPoint = value.lat.trim() !== '' && value.lng.trim() !== '';

  async function pickOnMap() {
    const picked = await chooseLocation();
    if (!picked) return;
    onChange({ address: picked.address, lat: String(picked.point.lat), lng: String(picked.point.lng) });
  }

  function useDemo() {
    onChange({
      address: value.address.trim() ? value.address : DEMO_LOCATION.address,
      lat: String(DEMO_LOCATION.point.lat),
      lng: String(DEMO_LOCATION.point.lng),
    });
  }

  return (
    <View className={fieldClass(pointError)}>
      <View className="gz-field-label">{label}</View>
      {usesLocationStandIn ? (
        <>
          <View className="gz-muted">浏览器版本没有地图选点：请填写地址，并使用演示坐标或填写经纬度。</View>
          <View className="gz-inline-actions">
            <Button fill="outline" onClick={useDemo}>
              使用演示坐标
            </Button>
          </View>
          <View className="gz-two-columns">
            <TextField label="纬度" name="lat" value={value.lat} maxlength={20} onChange={(lat) => onChange({ ...value, lat })} />
            <TextField label="经度" name="lng" value={value.lng} maxlength={20} onChange={(lng) => onChange({ ...value, lng })} />
          </View>
        </>
      ) : (
        <>
          <View className="gz-muted">{hasPoint ? '已在地图上选定位置' : '尚未选择位置'}</View>
          <Button fill="outline" onClick={() => void pickOnMap()}>
            {hasPoint ? '重新在地图上选择' : '在地图上选择位置'}
          </Button>
        </>
      )}
      <FieldError message={pointError} />
      <TextField
        label="详细地址"
        name="address"
        value={value.address}
        maxlength={200}
        placeholder="如：莲花路12号东门"
        error={addressError}
        onChange={(address) => onChange({ ...value, address })}
      />
    </View>
  );
}
