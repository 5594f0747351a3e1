import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { a11y } from '../../components/a11y';
import { ItemList, Pressable } from '../../components/links';
import { PageShell } from '../../components/page-shell';
import { CAPABILITIES, type Capability } from './capabilities';
import './index.css';

function showComingSoon(capability: Capability) {
  void Taro.showToast({ title: `${capability.name}即将开放`, icon: 'none' });
}

function EntryHead({ capability }: { capability: Capability }) {
  return (
    <>
      <View className="gz-home-entry-head">
        <View className="gz-card-title">{capability.name}</View>
        {/* status in words, not only colour */}
        <View className="gz-home-badge">{capability.ready ? '可使用' : '即将开放'}</View>
      </View>
      <View className="gz-muted">{capability.summary}</View>
    </>
  );
}

export default function HomePage() {
  return (
    <PageShell title="共治 · 党群共建共治共享">
      <View className="gz-muted gz-home-intro">市民呼叫、街社响应。实名登记后即可参与社区共治。</View>
      <ItemList className="gz-home-list" label="服务入口">
        {CAPABILITIES.map((capability) =>
          capability.ready && capability.links ? (
            // an open capability is a group of links (no button around links: nested controls confuse readers)
            <View key={capability.key} className="gz-card gz-home-entry" {...a11y({ role: 'group', label: capability.name })}>
              <EntryHead capability={capability} />
              <View className="gz-home-links">
                {capability.links.map((link) => (
                  <Pressable key={link.url} className="gz-home-link" label={link.label} onPress={() => void Taro.navigateTo({ url: link.url })}>
                    {link.label} ›
                  </Pressable>
                ))}
              </View>
            </View>
          ) : (
            <Pressable
              key={capability.key}
              role="button"
              className="gz-card gz-home-entry"
              label={`${capability.name}，${capability.ready ? '可使用' : '即将开放'}`}
              onPress={() => showComingSoon(capability)}
            >
              <EntryHead capability={capability} />
            </Pressable>
          ),
        )}
      </ItemList>
    </PageShell>
  );
}
