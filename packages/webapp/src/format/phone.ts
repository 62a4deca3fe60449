/** An E.164 number laid out for reading: Russian and Kazakh numbers as "+7 912 345-67-89". */
export function formatPhone(e164: string): string {
  const russian = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (russian) return `+7 ${russian[1]} ${russian[2]}-${russian[3]}-${russian[4]}`;
  return e164;
}
