import { Types, type Connection } from 'mongoose';
import { CALENDAR_2026, type CategoryDeadlines, type DeadlineDuration } from '@gongzhi/shared';
import { CalendarYears } from '../src/modules/calendar/calendar.model';
import { Categories } from '../src/modules/catalogue/category.model';

/**
 * Deadlines from PRODUCT.md's table ("Numbers the rules start from"):
 * - dispatch: urgent 30 min round the clock; general 2 h, counted in working hours because the
 *   dispatch centre works office hours (Shenzhen "民意速办").
 * - first contact: emergencies 2 h; water, power, gas 24 h; general 7 days; complex 15 days (Beijing
 *   12345 draft standard), all calendar time.
 * - resolution: consultations and help 3 working days; complaints 13 working days.
 * - sign-for: the table gives no default; we assume the same as dispatch.
 */
const d = (amount: number, unit: DeadlineDuration['unit']): DeadlineDuration => ({ amount, unit });
const URGENT_DISPATCH = d(30, 'minutes');
const GENERAL_DISPATCH = d(2, 'working_hours');
const RESOLVE_COMPLAINT = d(13, 'working_days');
const RESOLVE_CONSULTATION = d(3, 'working_days');

const deadlines = {
  general: { dispatch: GENERAL_DISPATCH, sign: GENERAL_DISPATCH, firstContact: d(7 * 24, 'hours'), resolve: RESOLVE_COMPLAINT },
  complex: { dispatch: GENERAL_DISPATCH, sign: GENERAL_DISPATCH, firstContact: d(15 * 24, 'hours'), resolve: RESOLVE_COMPLAINT },
  utility: { dispatch: URGENT_DISPATCH, sign: URGENT_DISPATCH, firstContact: d(24, 'hours'), resolve: RESOLVE_COMPLAINT },
  emergency: { dispatch: URGENT_DISPATCH, sign: URGENT_DISPATCH, firstContact: d(2, 'hours'), resolve: RESOLVE_COMPLAINT },
  // A consultation is answered when the resident is contacted, so contact cannot outlast resolution.
  consultation: { dispatch: GENERAL_DISPATCH, sign: GENERAL_DISPATCH, firstContact: RESOLVE_CONSULTATION, resolve: RESOLVE_CONSULTATION },
} satisfies Record<string, CategoryDeadlines>;

type Deadlines = keyof typeof deadlines;
interface DemoCategory {
  code: string;
  name: string;
  deadlines: Deadlines;
  /** unit code; 'community' routes it to the complainant's own community unit */
  unit?: string | 'community';
  referral?: string;
}

const CATALOGUE: Array<DemoCategory & { children: DemoCategory[] }> = [
  {
    code: 'shirong',
    name: '市容环境',
    deadlines: 'general',
    children: [
      { code: 'zhandao-jingying', name: '占道经营', deadlines: 'general', unit: 'chengguan' },
      { code: 'laji-qingyun', name: '垃圾清运', deadlines: 'general', unit: 'chengguan' },
      { code: 'weigui-guanggao', name: '违规广告', deadlines: 'general', unit: 'chengguan' },
      { code: 'weizhang-dajian', name: '违章搭建', deadlines: 'complex', unit: 'chengguan' },
    ],
  },
  {
    code: 'shizheng',
    name: '市政设施',
    deadlines: 'general',
    children: [
      { code: 'ludeng-guzhang', name: '路灯故障', deadlines: 'general', unit: 'zhujian' },
      { code: 'daolu-posun', name: '道路破损', deadlines: 'general', unit: 'jiaotong' },
      { code: 'jinggai-queshi', name: '井盖缺失', deadlines: 'emergency', unit: 'zhujian' },
    ],
  },
  {
    code: 'shuidianqi',
    name: '水电气',
    deadlines: 'utility',
    children: [
      { code: 'tingshui', name: '停水', deadlines: 'utility', unit: 'shuiwu' },
      { code: 'ranqi-yiwei', name: '燃气异味', deadlines: 'emergency', unit: 'zhujian' },
    ],
  },
  {
    code: 'wuye',
    name: '物业管理',
    deadlines: 'general',
    children: [
      // 市场监管 oversees lifts as special equipment
      { code: 'dianti-guzhang', name: '电梯故障', deadlines: 'general', unit: 'shichang' },
      { code: 'zaoyin-raomin', name: '噪音扰民', deadlines: 'general', unit: 'community' },
    ],
  },
  {
    code: 'zixun',
    name: '咨询求助',
    deadlines: 'consultation',
    children: [
      { code: 'zhengce-zixun', name: '政策咨询', deadlines: 'consultation', unit: 'community' },
      { code: 'shenghuo-qiuzhu', name: '生活求助', deadlines: 'consultation', unit: 'community' },
    ],
  },
  {
    code: 'maodun',
    name: '矛盾纠纷',
    deadlines: 'general',
    children: [
      {
        code: 'minshi-jiufen',
        name: '民事纠纷',
        deadlines: 'general',
        referral: '邻里、婚姻家庭、债务等民事纠纷不在本平台受理范围，请向所在社区的人民调解委员会申请调解，或依法向人民法院起诉。',
      },
    ],
  },
];

/** Ids the seed already made, by code. */
export interface SeededReference {
  units: Map<string, Types.ObjectId>;
  communityUnits: Array<{ communityId: Types.ObjectId; unitId: Types.ObjectId }>;
}

/**
 * The 2026 working calendar and the demo catalogue. Inserted when missing and never overwritten,
 * since the stack seeds on every start and an admin's later edits must survive it.
 */
export async function seedCalendarAndCatalogue(conn: Connection, ref: SeededReference): Promise<void> {
  // Unique indexes first: the upserts by year and code below rely on them.
  await Promise.all([CalendarYears(conn).init(), Categories(conn).init()]);
  await CalendarYears(conn).updateOne(
    { year: 2026 },
    { $setOnInsert: { year: 2026, ...CALENDAR_2026, updatedAt: new Date(), updatedBy: 'seed' } },
    { upsert: true },
  );
  const categories = Categories(conn);
  const insertOnce = async (c: DemoCategory, parentId?: Types.ObjectId): Promise<Types.ObjectId> => {
    const routing =
      c.unit === 'community'
        ? { unitByCommunity: ref.communityUnits }
        : c.unit
          ? { defaultUnitId: unitOf(ref, c.unit) }
          : {};
    const doc = await categories
      .findOneAndUpdate(
        { code: c.code },
        {
          // the _id from here: the list is in _id order, and DocumentDB's upsert ids need not be (see seed.ts)
          $setOnInsert: {
            _id: new Types.ObjectId(),
            code: c.code,
            name: c.name,
            ...(parentId ? { parentId } : {}),
            urgency: c.deadlines === 'utility' || c.deadlines === 'emergency' ? 'urgent' : 'general',
            admission: c.referral ? { accepted: false, referral: c.referral } : { accepted: true },
            ...routing,
            deadlines: deadlines[c.deadlines],
            active: true,
            updatedAt: new Date(),
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    return doc!._id;
  };
  for (const group of CATALOGUE) {
    const groupId = await insertOnce(group);
    for (const child of group.children) await insertOnce(child, groupId);
  }
}

function unitOf(ref: SeededReference, code: string): Types.ObjectId {
  const id = ref.units.get(code);
  if (!id) throw new Error(`demo catalogue names unit ${code}, which the seed does not create`);
  return id;
}
