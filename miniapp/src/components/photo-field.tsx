import { useState } from 'react';
import { View } from '@tarojs/components';
import { COMPLAINT_RULES } from '@gongzhi/shared';
import { toApiError } from '../api/errors';
import { uploadPhoto } from '../api/uploads';
import { a11y } from './a11y';
import { Pressable } from './links';
import { Picture } from './picture';
import { FieldError } from './status';
import { fieldClass } from './form-errors';
import { Button } from './ui';
import { choosePhotos } from '../platform/wechat';

export interface UploadedPhoto {
  id: string;
  /** the local copy, for the thumbnail */
  path: string;
}

/** Pick photos (camera or album on weapp, a file picker on H5), upload each, keep their ids. */
export function PhotoField({
  label = '照片（选填）',
  photos,
  onChange,
  error,
  max = COMPLAINT_RULES.maxPhotos,
}: {
  label?: string;
  /** how many photos the form takes (a complaint 9, a proposal 6) */
  max?: number;
  photos: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  error?: string;
}) {
  const [uploading, setUploading] = useState(0);
  const [uploadError, setUploadError] = useState<string>();
  const room = max - photos.length;

  async function add() {
    setUploadError(undefined);
    const picked = await choosePhotos(room);
    const tooLarge = picked.filter((p) => p.size > COMPLAINT_RULES.maxPhotoBytes);
    const fitting = picked.filter((p) => p.size <= COMPLAINT_RULES.maxPhotoBytes);
    if (tooLarge.length > 0) setUploadError(`${tooLarge.length}张照片超过5MB，未上传`);
    let next = photos;
    setUploading(fitting.length);
    for (const photo of fitting) {
      try {
        const { id } = await uploadPhoto(photo.path, photo.name);
        next = [...next, { id, path: photo.path }];
        onChange(next);
      } catch (failure) {
        setUploadError(toApiError(failure).message);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  return (
    <View className={fieldClass(uploadError ?? error)}>
      <View className="gz-field-label">{label}</View>
      <View className="gz-muted">
        已上传 {photos.length}/{max} 张，每张不超过5MB（JPG、PNG、WebP）
      </View>
      <View className="gz-photos" {...a11y({ role: 'list', label: '已上传的照片' })}>
        {photos.map((photo, index) => (
          <View key={photo.id} className="gz-photo-item" {...a11y({ role: 'listitem' })}>
            <Picture className="gz-photo" src={photo.path} mode="aspectFill" alt={`照片${index + 1}`} />
            <Pressable role="button" className="gz-link" label={`删除照片${index + 1}`} onPress={() => onChange(photos.filter((p) => p.id !== photo.id))}>
              删除
            </Pressable>
          </View>
        ))}
      </View>
      {uploading > 0 ? (
        <View className="gz-muted" role="status" aria-live="polite">
          正在上传{uploading}张照片…
        </View>
      ) : null}
      {room > 0 ? (
        <Button fill="outline" disabled={uploading > 0} onClick={() => void add()}>
          添加照片
        </Button>
      ) : null}
      <FieldError message={uploadError ?? error} />
    </View>
  );
}
