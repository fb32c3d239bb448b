import { defineErrors } from 'src/common/errors/domain-error';

export const CatalogError = defineErrors({
  RESULT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '科技成果不存在', en: 'Research result not found' },
  },
  NEED_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '技术需求不存在', en: 'Technical need not found' },
  },
  EXPERT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '专家不存在', en: 'Expert not found' },
  },
  CATALOG_NOT_OWNER: {
    status: 403,
    message: {
      'zh-CN': '只有填写者本人或其所在活动的组织者可以修改',
      en: 'Only the one who entered it or the organizers of a programme it was brought to may change it',
    },
  },
  CATALOG_NOT_CURATOR: {
    status: 403,
    message: {
      'zh-CN': '只有其所在活动的组织者可以办理',
      en: 'Only the organizers of a programme it was brought to may do this',
    },
  },
  CATALOG_ONE_PROGRAMME: {
    status: 400,
    message: {
      'zh-CN': '请指定一个活动或一个系列活动（只能二选一）',
      en: 'Name one event or one series, not both',
    },
  },
  CATALOG_INVALID_RANGE: {
    status: 400,
    message: { 'zh-CN': '下限不能高于上限', en: 'The lower bound is above the upper bound' },
  },
  CATALOG_UNKNOWN_ORGANIZATION: {
    status: 400,
    message: { 'zh-CN': '所填机构不存在', en: 'No such organization' },
  },
  CATALOG_NOT_MEMBER: {
    status: 403,
    message: {
      'zh-CN': '只能以您所属的机构名义填写',
      en: 'You may only enter this for an organization you belong to',
    },
  },
});
