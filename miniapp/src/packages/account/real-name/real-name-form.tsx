import { useState } from 'react';
import { Button as WechatButton, Input, View } from '@tarojs/components';
import type { CommunityView, RealNameBody } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { Pressable } from '../../../components/links';
import { CheckRow, ChoiceGroup } from '../../../components/choice-group';
import { FieldError } from '../../../components/status';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { phoneCodeFromButtonEvent, standInPhoneCode, usesWechatStandIn } from '../../../platform/wechat';
import { labelledInput } from '../../../components/labelled-input';
import { FIELD_OF_ERROR_CODE, PHONE_PATTERN, validateRealName, type FieldErrors, type RealNameField } from './validate';

export interface RealNameFormProps {
  communities: CommunityView[];
  consentVersion: string;
  onSubmit: (body: RealNameBody) => Promise<void>;
  onOpenPrivacy: () => void;
  today?: () => Date;
}

export function RealNameForm({ communities, consentVersion, onSubmit, onOpenPrivacy, today }: RealNameFormProps) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [wechatPhoneCode, setWechatPhoneCode] = useState<string>();
  const [communityId, setCommunityId] = useState('');
  const [consent, setConsent] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  let phoneError: string | undefined;
  if (usesWechatStandIn) phoneError = PHONE_PATTERN.test(phone.trim()) ? undefined : '请输入11位手机号码';
  else if (!wechatPhoneCode) phoneError = '请点击“获取微信手机号”授权手机号';
  const validate = (phoneCode: string | undefined) => {
    const result = validateRealName({ name, idNumber, phoneCode, communityId, consent }, consentVersion, today ? today() : new Date());
    const found: FieldErrors = result.ok ? {} : { ...result.errors };
    if (phoneError) found.phone = phoneError;
    return { result, found };
  };
  const form = useFormErrors<RealNameField>(
    // judged with the typed number in place of the stand-in's code, which is made only when sending
    () => validate(usesWechatStandIn ? phone.trim() : wechatPhoneCode).found,
    { name, idNumber, phone: usesWechatStandIn ? phone : wechatPhoneCode, communityId, consent },
  );
  const { errors } = form;

  async function submit() {
    setFormError(undefined);
    if (!form.submitAttempt()) return;
    // made now, not earlier: the simulator refuses a phone code that is used or older than 5 min
    const { result } = validate(usesWechatStandIn ? standInPhoneCode(phone.trim()) : wechatPhoneCode);
    if (!result.ok) return;

    setBusy(true);
    try {
      await onSubmit(result.body);
    } catch (failure) {
      const error = toApiError(failure);
      const field = FIELD_OF_ERROR_CODE[error.code];
      // WeChat phone codes work once: ask for a fresh one after any refusal of it
      if (field === 'phone') setWechatPhoneCode(undefined);
      if (field) form.serverError({ [field]: error.message });
      else setFormError(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-card ${form.formClass}`}>
      <View className={fieldClass(errors.name)}>
        <View className="gz-field-label">姓名</View>
        <Input
          className="gz-input"
          name="name"
          value={name}
          placeholder="与身份证一致"
          maxlength={40}
          {...labelledInput('姓名')}
          onInput={(event) => setName(event.detail.value)}
        />
        <FieldError message={errors.name} />
      </View>

      <View className={fieldClass(errors.idNumber)}>
        <View className="gz-field-label">身份证号码</View>
        <Input
          className="gz-input"
          name="idNumber"
          type="idcard"
          value={idNumber}
          placeholder="18位居民身份证号码"
          maxlength={18}
          {...labelledInput('身份证号码')}
          onInput={(event) => setIdNumber(event.detail.value)}
        />
        <FieldError message={errors.idNumber} />
      </View>

      <View className={fieldClass(errors.phone)}>
        <View className="gz-field-label">手机号码</View>
        {usesWechatStandIn ? (
          <>
            <View className="gz-muted">浏览器版本：输入手机号，模拟微信手机号授权。</View>
            <Input
              className="gz-input"
              name="phone"
              type="text"
              value={phone}
              placeholder="11位手机号码"
              maxlength={11}
              {...labelledInput('手机号码（模拟微信授权）', { inputmode: 'numeric' })}
              onInput={(event) => setPhone(event.detail.value)}
            />
          </>
        ) : (
          <>
            <View className="gz-muted">{wechatPhoneCode ? '已授权微信手机号' : '使用微信绑定的手机号'}</View>
            <WechatButton
              className="gz-phone-button"
              openType="getPhoneNumber"
              {...a11y({ label: wechatPhoneCode ? '重新获取微信手机号' : '获取微信手机号' })}
              onGetPhoneNumber={(event) => setWechatPhoneCode(phoneCodeFromButtonEvent(event))}
            >
              {wechatPhoneCode ? '重新获取微信手机号' : '获取微信手机号'}
            </WechatButton>
          </>
        )}
        <FieldError message={errors.phone} />
      </View>

      <View className={fieldClass(errors.communityId)}>
        <View className="gz-field-label">所在社区</View>
        <ChoiceGroup
          label="所在社区"
          choices={communities.map((community) => ({ value: community.id, label: community.name }))}
          value={communityId || undefined}
          onChange={setCommunityId}
        />
        <FieldError message={errors.communityId} />
      </View>

      <View className={fieldClass(errors.consent)}>
        <CheckRow label="我已阅读并同意隐私政策" checked={consent} onChange={setConsent} />
        <Pressable className="gz-link" onPress={onOpenPrivacy}>
          查看隐私政策
        </Pressable>
        <FieldError message={errors.consent} />
      </View>

      <FieldError message={formError} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交实名登记
        </Button>
      </View>
    </View>
  );
}
