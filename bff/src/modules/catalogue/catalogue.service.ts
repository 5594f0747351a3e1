import { isValidObjectId, Types, type UpdateQuery } from 'mongoose';
import type { CategoryAdminView, CategoryBody, CategoryView } from '@gongzhi/shared';
import { recordAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { isDuplicateKeyError } from '../../platform/database';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import type { UserRecord } from '../identity/user.model';
import { Communities, Units } from '../reference/reference.model';
import { Categories, type CategoryRecord } from './category.model';
import { toCategoryAdminView, toCategoryView } from './category-view';

export function createCatalogueService({ conn }: Pick<AppDeps, 'conn'>) {
  const categories = Categories(conn);

  /** A category a resident may file under: active, and under an active group. */
  async function getActiveCategory(id: string | Types.ObjectId): Promise<CategoryRecord> {
    const category = isValidObjectId(id) ? await categories.findOne({ _id: id, active: true }).lean() : null;
    if (!category) throw new AppError('CATEGORY_NOT_FOUND', 404);
    if (category.parentId && !(await categories.exists({ _id: category.parentId, active: true }))) {
      throw new AppError('CATEGORY_NOT_FOUND', 404);
    }
    return category;
  }

  /** The community's own override first, then the category's default; undefined leaves it to the dispatcher. */
  function defaultUnitFor(category: CategoryRecord, communityId: string | Types.ObjectId): Types.ObjectId | undefined {
    const override = (category.unitByCommunity ?? []).find((o) => o.communityId.toString() === communityId.toString());
    return override?.unitId ?? category.defaultUnitId;
  }

  /** Active groups, each followed by its active categories; a group switched off hides its categories. */
  async function listActiveCategories(): Promise<{ items: CategoryView[] }> {
    const all = await categories.find({ active: true }).sort({ _id: 1 }).lean();
    const items: CategoryView[] = [];
    for (const group of all.filter((c) => !c.parentId)) {
      items.push(toCategoryView(group));
      for (const child of all.filter((c) => c.parentId?.equals(group._id))) items.push(toCategoryView(child));
    }
    return { items };
  }

  async function listAllCategories(): Promise<{ items: CategoryAdminView[] }> {
    const all = await categories.find({}).sort({ _id: 1 }).lean();
    return { items: all.map(toCategoryAdminView) };
  }

  async function createCategory(admin: UserRecord, body: CategoryBody, requestId?: string): Promise<CategoryAdminView> {
    await checkReferences(body);
    let created: CategoryRecord;
    try {
      created = (await categories.create({ ...fieldsOf(body), updatedAt: now() })).toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('CATEGORY_CODE_TAKEN', 409);
      throw err;
    }
    await audit(admin, 'category.created', created, requestId);
    return toCategoryAdminView(created);
  }

  /** Replaces a category's settings; optional fields left out are cleared. */
  async function updateCategory(admin: UserRecord, id: string, body: CategoryBody, requestId?: string): Promise<CategoryAdminView> {
    if (!(await categories.exists({ _id: id }))) throw new AppError('CATEGORY_NOT_FOUND', 404);
    await checkReferences(body, new Types.ObjectId(id));
    const { parentId, defaultUnitId, ...rest } = fieldsOf(body);
    const fields = { ...rest, ...(parentId ? { parentId } : {}), ...(defaultUnitId ? { defaultUnitId } : {}) };
    const unset: Record<string, 1> = {};
    if (!parentId) unset.parentId = 1;
    if (!defaultUnitId) unset.defaultUnitId = 1;
    let updated: CategoryRecord | null;
    try {
      updated = await categories
        .findOneAndUpdate(
          { _id: id },
          { $set: { ...fields, updatedAt: now() }, ...(Object.keys(unset).length ? { $unset: unset } : {}) } as UpdateQuery<CategoryRecord>,
          { returnDocument: 'after' },
        )
        .lean();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new AppError('CATEGORY_CODE_TAKEN', 409);
      throw err;
    }
    if (!updated) throw new AppError('CATEGORY_NOT_FOUND', 404);
    await audit(admin, 'category.updated', updated, requestId);
    return toCategoryAdminView(updated);
  }

  /** Two levels only: the parent exists and is itself top-level; a group with categories stays a group. */
  async function checkReferences(body: CategoryBody, self?: Types.ObjectId): Promise<void> {
    if (body.parentId) {
      if (self?.equals(body.parentId)) throw invalid('body.parentId', '不能以自身为上级类别');
      const parent = await categories.findOne({ _id: body.parentId }).lean();
      if (!parent) throw new AppError('CATEGORY_NOT_FOUND', 404, [{ path: 'body.parentId', message: '上级类别不存在' }]);
      if (parent.parentId) throw invalid('body.parentId', '上级类别必须是一级类别');
      if (self && (await categories.exists({ parentId: self }))) throw invalid('body.parentId', '该类别下已有子类别，不能设为二级类别');
    }
    const unitIds = [...new Set([body.defaultUnitId, ...body.unitByCommunity.map((o) => o.unitId)].filter((u): u is string => !!u))];
    if (unitIds.length && (await Units(conn).countDocuments({ _id: { $in: unitIds } })) !== unitIds.length) {
      throw new AppError('UNIT_NOT_FOUND', 404);
    }
    const communityIds = [...new Set(body.unitByCommunity.map((o) => o.communityId))];
    if (communityIds.length !== body.unitByCommunity.length) throw invalid('body.unitByCommunity', '同一社区只能指定一个处置单位');
    if (communityIds.length && (await Communities(conn).countDocuments({ _id: { $in: communityIds } })) !== communityIds.length) {
      throw new AppError('COMMUNITY_NOT_FOUND', 404);
    }
  }

  async function audit(admin: UserRecord, action: string, c: CategoryRecord, requestId?: string) {
    await recordAudit(conn, {
      actorId: admin._id.toString(),
      action,
      subjectType: 'category',
      subjectId: c._id.toString(),
      requestId,
      details: { code: c.code, active: c.active, accepted: c.admission.accepted },
    });
  }

  return { getActiveCategory, defaultUnitFor, listActiveCategories, listAllCategories, createCategory, updateCategory };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

/** The stored form of a category body: ids as ObjectIds, admission without stray fields. */
export function fieldsOf(body: CategoryBody) {
  return {
    code: body.code,
    name: body.name,
    parentId: body.parentId ? new Types.ObjectId(body.parentId) : undefined,
    urgency: body.urgency,
    admission: body.admission.accepted ? { accepted: true } : { accepted: false, referral: body.admission.referral },
    defaultUnitId: body.defaultUnitId ? new Types.ObjectId(body.defaultUnitId) : undefined,
    unitByCommunity: body.unitByCommunity.map((o) => ({ communityId: new Types.ObjectId(o.communityId), unitId: new Types.ObjectId(o.unitId) })),
    deadlines: body.deadlines,
    active: body.active,
  };
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', 400, [{ path, message }]);
