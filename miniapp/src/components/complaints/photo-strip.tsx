import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { downloadPhoto } from '../../api/uploads';
import { Pressable } from '../links';
import { Picture } from '../picture';

/** Photos fetched with the session's token (the BFF shows them only to those allowed), then previewable. */
export function PhotoStrip({ ids }: { ids: string[] }) {
  const [paths, setPaths] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(0);
  // a new array arrives on every render; the photos change only when the ids do
  const key = ids.join(',');

  useEffect(() => {
    let cancelled = false;
    setFailed(0);
    for (const id of key ? key.split(',') : []) {
      downloadPhoto(id).then(
        (path) => {
          if (!cancelled) setPaths((current) => ({ ...current, [id]: path }));
        },
        () => {
          if (!cancelled) setFailed((n) => n + 1);
        },
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);

  const shown = ids.map((id) => paths[id]).filter((p): p is string => Boolean(p));
  return (
    <View className="gz-photos">
      {ids.map((id, index) =>
        paths[id] ? (
          <Pressable key={id} role="button" label={`照片${index + 1}，点按查看大图`} onPress={() => void Taro.previewImage({ urls: shown, current: paths[id]! })}>
            <Picture className="gz-photo" src={paths[id]!} mode="aspectFill" alt={`照片${index + 1}`} />
          </Pressable>
        ) : (
          <View key={id} className="gz-photo gz-photo-placeholder" aria-label={`照片${index + 1}加载中`}>
            照片{index + 1}
          </View>
        ),
      )}
      {failed > 0 ? <View className="gz-muted">{failed}张照片无法加载</View> : null}
    </View>
  );
}
