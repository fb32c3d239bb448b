import { defineErrors } from 'src/common/errors/domain-error';

export const DockingError = defineErrors({
  DOCKING_NOT_A_SESSION: {
    status: 409,
    message: {
      'zh-CN': '该活动不是闭门精准对接会',
      en: 'This event is not a closed-door precise-docking session',
    },
  },
  DOCKING_MEETING_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '对接洽谈不存在', en: 'Docking meeting not found' },
  },
  DOCKING_NOT_PARTICIPANT: {
    status: 400,
    message: {
      'zh-CN': '对方不是本场对接会的参会者',
      en: 'The other party is not a participant of this session',
    },
  },
  DOCKING_NOT_YOURS: {
    status: 403,
    message: { 'zh-CN': '只能由洽谈的另一方答复', en: 'Only the other party may answer' },
  },
  DOCKING_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '洽谈当前状态不允许此操作',
      en: 'The meeting’s current status does not allow this',
    },
  },
  DOCKING_PARTY_BUSY: {
    status: 409,
    message: {
      'zh-CN': '一方在此时间已有其他洽谈',
      en: 'One of the parties has another meeting at that time',
    },
  },
  DOCKING_NO_TABLE: {
    status: 409,
    message: { 'zh-CN': '此时间已无空闲洽谈桌', en: 'No table is free at that time' },
  },
  DOCKING_INVALID_TIMES: {
    status: 400,
    message: {
      'zh-CN': '洽谈须在活动时间之内，且结束晚于开始',
      en: 'A meeting must lie within the session and end after it starts',
    },
  },
  DOCKING_NOT_STARTED: {
    status: 409,
    message: {
      'zh-CN': '洽谈开始后才能记录结果',
      en: 'An outcome can be recorded once the meeting has started',
    },
  },
  DOCKING_NEED_NOT_BROUGHT: {
    status: 400,
    message: {
      'zh-CN': '该需求未提交到本场对接会',
      en: 'This need was not brought to this docking session',
    },
  },
  DOCKING_NEED_NOT_YOURS: {
    status: 403,
    message: { 'zh-CN': '只能提交本企业的需求', en: 'You may only bring your own needs' },
  },
});
