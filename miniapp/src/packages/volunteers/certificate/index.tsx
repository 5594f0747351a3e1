import { useState } from 'react';
import { View } from '@tarojs/components';
import { toApiError } from '../../../api/errors';
import { issueCertificate, type Certificate } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { Picture } from '../../../components/picture';
import { PageShell } from '../../../components/page-shell';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import { formatTime } from '../../../components/format';
import { formatHours } from '../../../components/volunteers/format';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';

/** Each request issues a new numbered certificate (the BFF records it), so it is asked for, not loaded on open. */
export default function CertificatePage() {
  const [certificate, setCertificate] = useState<Certificate>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function issue() {
    setError(undefined);
    setBusy(true);
    try {
      setCertificate(await issueCertificate());
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell title="志愿服务证明">
      <View className="gz-card">
        <View className="gz-muted">证明列明经组织者确认的服务记录和累计时长（不含路途时间），带唯一编号，任何人可凭编号核验。</View>
        <View className="gz-actions">
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void issue()}>
            {certificate ? '重新开具' : '开具服务证明'}
          </Button>
        </View>
        <FieldError message={error} />
      </View>
      {certificate ? (
        <View className="gz-card" {...a11y({ role: 'region', label: '志愿服务证明' })}>
          <View className="gz-card-title">证明编号 {certificate.number}</View>
          {(
            [
              ['志愿者', `${certificate.volunteer.name}（${certificate.volunteer.volunteerNumber}）`],
              ['证件', `${certificate.volunteer.idType} ${certificate.volunteer.idNumber}`],
              ['累计时长', `${formatHours(certificate.totals.hours)}，${certificate.totals.shifts}次服务`],
              ['出具单位', certificate.issuer],
              ['负责人', certificate.personInCharge],
              ['联系方式', certificate.contact],
              ['出具时间', formatTime(certificate.issuedAt)],
              ['核验方式', `凭编号查询：${certificate.verifyPath}`],
            ] as const
          ).map(([label, value]) => (
            <View key={label} className="gz-row" {...a11y({ label: `${label}：${value}` })}>
              <View className="gz-muted gz-row-label">{label}</View>
              <View className="gz-row-value">{value}</View>
            </View>
          ))}
          <Picture className="gz-certificate" src={certificate.image} mode="widthFix" alt={`志愿服务证明图片，编号${certificate.number}`} />
        </View>
      ) : null}
    </PageShell>
  );
}
