import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { CertificateIssuerView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getCertificateIssuer, setCertificateIssuer } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { IssuerForm } from './issuer-form';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { toast } from '../../../components/toast';

/** Community staff: who the community's volunteer service certificates name as person in charge and contact. */
export default function CertificateIssuerPage() {
  const communityId = useRouter().params.communityId ?? '';
  const [issuer, setIssuer] = useState<CertificateIssuerView>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setIssuer(await getCertificateIssuer(communityId));
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, [communityId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageShell title="证明负责人与联系方式" nav={<StaffNav current="organiser" />}>
      <LoadState loading={!issuer && !error} error={error} onRetry={() => void load()} />
      {issuer ? (
        <IssuerForm
          issuer={issuer}
          onSave={async (body) => {
            setIssuer(await setCertificateIssuer(communityId, body));
            toast('已保存');
          }}
        />
      ) : null}
    </PageShell>
  );
}
