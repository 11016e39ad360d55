/** Put the server's 400 on the form field it names; returns false when the error is not about one of these fields. */
import type { FormInstance } from 'antd';
import { ApiError } from '../api';

export function showFieldError(form: FormInstance, e: unknown, fields: readonly string[]): boolean {
  if (!(e instanceof ApiError) || !e.field || !fields.includes(e.field)) return false;
  form.setFields([{ name: e.field as any, errors: [e.message] }]);
  return true;
}
