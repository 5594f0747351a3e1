import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { toApiError } from '../../../api/errors';
import { getPrivacyNotice, type PrivacyNotice } from '../../../api/reference';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import '../../../components/form.css';
import '../account.css';

/** The notice comes from the BFF, so the text shown is the version residents consent to. */
export default function PrivacyPage() {
  const [notice, setNotice] = useState<PrivacyNotice>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await getPrivacyNotice());
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageShell title={notice?.title ?? '隐私政策'}>
      <LoadState loading={!notice && !error} error={error} onRetry={() => void load()} />
      {notice ? (
        <View className="gz-card gz-notice-body">
          <View className="gz-muted gz-paragraph">版本：{notice.version}</View>
          {notice.body.split(/\n+/).map((paragraph, index) => (
            <View key={index} className="gz-paragraph">
              {paragraph}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
