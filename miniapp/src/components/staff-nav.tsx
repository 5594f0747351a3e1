import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type PageName, type UserView } from '@gongzhi/shared';
import { getMe } from '../api/me';
import { a11y } from './a11y';
import { pressable } from './pressable';
import { workbenchViews } from './staff-views';
import './staff-nav.css';

export type StaffPlace = 'workbench' | 'assessment' | 'organiser' | 'proposals' | 'mutualAid';

interface Place {
  place: StaffPlace;
  label: string;
  page: PageName;
  /** whether this person's roles open it (the BFF checks each call again) */
  opens: (user: Pick<UserView, 'roles'>) => boolean;
}

const PLACES: Place[] = [
  { place: 'workbench', label: '工作台', page: 'workbench', opens: (user) => workbenchViews(user).some((view) => view === 'queue' || view === 'tasks') },
  { place: 'assessment', label: '考核统计', page: 'assessment', opens: (user) => workbenchViews(user).includes('assessment') },
  { place: 'organiser', label: '志愿服务管理', page: 'organiser', opens: (user) => workbenchViews(user).includes('volunteers') },
  { place: 'proposals', label: '提议答复', page: 'proposalQueue', opens: (user) => workbenchViews(user).includes('proposals') },
  { place: 'mutualAid', label: '社区互助管理', page: 'aidStaff', opens: (user) => workbenchViews(user).includes('mutualAid') },
];

/**
 * The staff desk's side navigation, for a desktop browser (H5 at 900 px and wider; a phone keeps the
 * pages' own links and the mini-program has none): the places this person's roles open, the current one
 * marked for sight (a bar and bold) and for readers (aria-current), and 我的 to leave the desk.
 */
export function StaffNav({ current }: { current: StaffPlace }) {
  const [user, setUser] = useState<UserView>();
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    getMe().then(setUser, () => setUser(undefined));
  }, []);
  if (process.env.TARO_ENV !== 'h5' || !user) return null;
  const places = PLACES.filter((place) => place.opens(user));
  if (places.length === 0) return null;
  const go = (place: Place) => {
    if (place.place !== current) void Taro.redirectTo({ url: pageUrl(place.page) });
  };
  return (
    <View className="gz-staff-nav" {...a11y({ role: 'navigation', label: '工作人员导航' })}>
      <View className="gz-staff-nav-title">街道工作台</View>
      {places.map((place) => (
        <View
          key={place.place}
          className={place.place === current ? 'gz-staff-nav-item gz-staff-nav-current' : 'gz-staff-nav-item'}
          {...a11y({ role: 'link' })}
          aria-current={place.place === current ? 'page' : undefined}
          {...pressable(() => go(place))}
          onClick={() => go(place)}
        >
          {place.label}
        </View>
      ))}
      <View className="gz-staff-nav-item" {...a11y({ role: 'link' })} {...pressable(() => void Taro.switchTab({ url: pageUrl('mine') }))} onClick={() => void Taro.switchTab({ url: pageUrl('mine') })}>
        我的
      </View>
    </View>
  );
}
