import { defineErrors } from 'src/common/errors/domain-error';

export const AgendaError = defineErrors({
  AGENDA_ITEM_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '日程环节不存在', en: 'Agenda item not found' },
  },
  AGENDA_NOT_PUBLISHED: {
    status: 404,
    message: { 'zh-CN': '日程尚未发布', en: 'The agenda is not published yet' },
  },
  AGENDA_ROOM_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '该场地在此时间已有其他环节',
      en: 'Another item takes this room at that time',
    },
  },
  AGENDA_PRESENTER_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '主讲人在此时间已有其他环节',
      en: 'A presenter is elsewhere at that time',
    },
  },
  AGENDA_INVALID_TIMES: {
    status: 400,
    message: {
      'zh-CN': '环节须在活动时间之内，且结束晚于开始',
      en: 'An item must lie within the event and end after it starts',
    },
  },
  AGENDA_UNKNOWN_PRESENTER: {
    status: 400,
    message: { 'zh-CN': '主讲人账号不存在', en: 'No such presenter account' },
  },
  AGENDA_ROOM_NOT_FOUND: {
    status: 400,
    message: {
      'zh-CN': '请从本活动的场地列表中选择场地',
      en: 'Choose a room from this event’s list of rooms',
    },
  },
  AGENDA_ROOM_EXISTS: {
    status: 409,
    message: {
      'zh-CN': '本活动已有同名场地（空格与全角半角不计）',
      en: 'This event has a room of that name already (spaces and full-width forms aside)',
    },
  },
  AGENDA_NOT_VISIT_STOPS: {
    status: 400,
    message: {
      'zh-CN': '请按新顺序列出本活动的全部参观点',
      en: 'List every visit stop of this event, in the new order',
    },
  },
});
