import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { ComplaintView, UnitView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { TextField } from '../../../components/text-field';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { ACTION_SPECS, bodyFor, type ActionSpec, type FieldValues } from './action-specs';

/** Only what `allowedActions` lists is offered; the BFF still checks each one. */
export function ActionPanel({
  view,
  loadUnits,
  onDone,
}: {
  view: ComplaintView;
  loadUnits: () => Promise<UnitView[]>;
  onDone: (next: ComplaintView, spec: ActionSpec) => void;
}) {
  const offered = ACTION_SPECS.filter((spec) => view.allowedActions.includes(spec.action));
  const [open, setOpen] = useState<ActionSpec>();

  if (offered.length === 0) {
    // still a named region, so a screen reader (and a test) finds where the actions would be and why there are none
    return (
      <View className="gz-card" {...a11y({ role: 'region', label: '办理操作' })}>
        <View className="gz-card-title">办理操作</View>
        <View className="gz-muted">{view.viewerAssists ? '本单位为协办单位，可查看办理进展；签收、办理由主办单位进行。' : '当前状态下您没有可办理的操作。'}</View>
      </View>
    );
  }
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '办理操作' })}>
      <View className="gz-card-title">办理操作</View>
      <View className="gz-action-buttons">
        {offered.map((spec) => (
          <Button
            key={spec.action}
            type={open?.action === spec.action ? 'primary' : 'default'}
            fill={open?.action === spec.action ? 'solid' : 'outline'}
            {...a11y({ role: 'button', label: open?.action === spec.action ? `${spec.label}（已展开）` : spec.label })}
            onClick={() => setOpen(open?.action === spec.action ? undefined : spec)}
          >
            {spec.label}
          </Button>
        ))}
      </View>
      {open ? (
        <ActionForm
          key={open.action}
          spec={open}
          complaintId={view.id}
          loadUnits={loadUnits}
          onDone={(next) => {
            setOpen(undefined);
            onDone(next, open);
          }}
        />
      ) : null}
    </View>
  );
}

function ActionForm({
  spec,
  complaintId,
  loadUnits,
  onDone,
}: {
  spec: ActionSpec;
  complaintId: string;
  loadUnits: () => Promise<UnitView[]>;
  onDone: (next: ComplaintView) => void;
}) {
  const [values, setValues] = useState<FieldValues>({});
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [units, setUnits] = useState<UnitView[]>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const askSubscriptions = useSubscribePrompt('staffWork');
  const needsUnits = spec.fields.some((f) => f.kind === 'unit' || f.kind === 'units');

  useEffect(() => {
    if (!needsUnits) return;
    loadUnits().then(setUnits, (failure: unknown) => setFormError(toApiError(failure).message));
  }, [needsUnits, loadUnits]);

  const set = (name: string, value: string | string[]) => setValues((current) => ({ ...current, [name]: value }));
  const draft = { ...values, photoIds: photos.map((p) => p.id) };
  const form = useFormErrors(() => {
    const checked = bodyFor(spec, draft);
    return checked.ok ? {} : checked.errors;
  });
  const { errors } = form;

  async function confirm() {
    setFormError(undefined);
    const result = bodyFor(spec, draft);
    if (!form.submitAttempt() || !result.ok) return;
    // in the tap, before anything waits (WeChat asks only then); the move goes on whatever the answer
    void askSubscriptions();
    setBusy(true);
    try {
      onDone(await spec.send(complaintId, result.body as never));
    } catch (failure) {
      setFormError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-action-form ${form.formClass}`} {...a11y({ role: 'form', label: spec.label })}>
      {spec.fields
        .filter((field) => !field.when || field.when(values))
        .map((field) => {
          if (field.kind === 'text') {
            return (
              <TextField
                key={field.name}
                label={field.label}
                name={`${spec.action}-${field.name}`}
                multiline={field.multiline}
                value={(values[field.name] as string | undefined) ?? ''}
                error={errors[field.name]}
                onChange={(value) => set(field.name, value)}
              />
            );
          }
          if (field.kind === 'photos') {
            return <PhotoField key={field.name} label={field.label} photos={photos} onChange={setPhotos} error={errors[field.name]} />;
          }
          if (field.kind === 'units') {
            const excluded = field.excluding ? values[field.excluding] : undefined;
            const picked = ((values[field.name] as string[] | undefined) ?? []).filter((id) => id !== excluded);
            return (
              <View key={field.name} className={fieldClass(errors[field.name])}>
                <View className="gz-field-label">{field.label}</View>
                {!units ? <View className="gz-muted">正在加载单位…</View> : null}
                <CheckGroup
                  label={field.label}
                  choices={(units ?? []).filter((u) => u.id !== excluded).map((u) => ({ value: u.id, label: u.name }))}
                  values={picked}
                  onChange={(next) => set(field.name, next)}
                />
                <FieldError message={errors[field.name]} />
              </View>
            );
          }
          const choices = field.kind === 'unit' ? (units ?? []).map((u) => ({ value: u.id, label: u.name })) : field.choices;
          return (
            <View key={field.name} className={fieldClass(errors[field.name])}>
              <View className="gz-field-label">{field.label}</View>
              {field.kind === 'unit' && !units ? <View className="gz-muted">正在加载单位…</View> : null}
              <ChoiceGroup
                label={field.label}
                inline
                choices={choices}
                value={values[field.name] as string | undefined}
                onChange={(value) => set(field.name, value)}
              />
              <FieldError message={errors[field.name]} />
            </View>
          );
        })}
      <FieldError message={formError} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void confirm()}>
          {spec.confirm}
        </Button>
      </View>
    </View>
  );
}
