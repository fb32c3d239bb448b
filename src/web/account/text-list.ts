/**
 * A list typed as one line (电子信息、新材料 or "a, b"), as the DTOs' string lists take it;
 * undefined when nothing was typed.
 */
export function listOf(text: unknown): string[] | undefined {
  if (typeof text !== 'string') return undefined;
  const items = text
    .split(/[,，、;；\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
