import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { hasSession } from '../../api/auth';
import { listMyComplaints } from '../../api/complaints';
import { listMyShifts } from '../../api/volunteers';
import { a11y } from '../../components/a11y';
import { ItemList, Pressable } from '../../components/links';
import { PageShell } from '../../components/page-shell';
import { Picture } from '../../components/picture';
import { attentionItems, type AttentionItem } from './attention';
import { CAPABILITIES, type Capability } from './capabilities';
import './index.css';

const go = (url: string) => void Taro.navigateTo({ url });

/** 首页 as a service hall: what needs me now on top, then every capability as a tile with its icon and one line. */
export default function HomePage() {
  const [attention, setAttention] = useState<AttentionItem[]>([]);

  useDidShow(() => {
    if (!hasSession()) return setAttention([]);
    // both lists are the resident's own first pages; a failure leaves the hall as it is (the lists have their own pages)
    void Promise.all([listMyComplaints({ limit: 50 }).catch(() => undefined), listMyShifts().catch(() => undefined)]).then(([complaints, shifts]) =>
      setAttention(attentionItems(complaints?.items ?? [], shifts?.items ?? [], Date.now())),
    );
  });

  return (
    <PageShell title="共治 · 党群共建共治共享">
      <View className="gz-muted gz-home-intro">市民呼叫、街社响应。实名登记后即可参与社区共治。</View>
      {attention.length > 0 ? (
        <View className="gz-card gz-home-attention" {...a11y({ role: 'region', label: '待办事项' })}>
          <View className="gz-card-title">待办事项</View>
          <ItemList label="待办事项列表">
            {attention.map((item) => (
              <Pressable key={item.key} className="gz-home-todo" onPress={() => go(item.url)}>
                {item.text} ›
              </Pressable>
            ))}
          </ItemList>
        </View>
      ) : null}
      <ItemList className="gz-home-grid" label="服务入口">
        {CAPABILITIES.map((capability) => (
          <Tile key={capability.key} capability={capability} />
        ))}
      </ItemList>
    </PageShell>
  );
}

/**
 * An open capability is a group of links; one not open yet is words only (no control that leads
 * nowhere). Status is said in words (可使用 / 即将开放), and the closed tile is greyed besides.
 */
function Tile({ capability }: { capability: Capability }) {
  const status = capability.ready ? '可使用' : '即将开放';
  return (
    <View
      className={`gz-card gz-home-entry${capability.ready ? '' : ' gz-home-entry-soon'}`}
      {...a11y({ role: 'group', label: `${capability.name}，${status}` })}
    >
      <View className="gz-home-entry-head">
        <Picture className="gz-home-icon" src={capability.icon} alt="" mode="aspectFit" />
        <View className="gz-home-entry-name">
          <View className="gz-card-title">{capability.name}</View>
          <View className="gz-home-badge">{status}</View>
        </View>
      </View>
      <View className="gz-muted gz-home-summary">{capability.summary}</View>
      {capability.links ? (
        <View className="gz-home-links">
          {capability.links.map((link) => (
            <Pressable key={link.url} className="gz-home-link" onPress={() => go(link.url)}>
              {link.label} ›
            </Pressable>
          ))}
        </View>
      ) : null}
    </View>
  );
}
