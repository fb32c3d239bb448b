export const AGENDA_ITEM_KINDS = [
  'opening', // 开幕
  'roadshow', // 路演
  'panel', // 圆桌
  'docking', // 对接
  'signing_ceremony', // 签约仪式
  'break', // 茶歇
  'visit_stop', // 参观点
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];
