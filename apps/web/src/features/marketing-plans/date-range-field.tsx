import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';

/**
 * A date range kept as two text fields `from` / `to` (YYYY-MM-DD): the list's filters are the
 * query parameters as they are, so a link (the summary's drill-down) fills the picker too.
 */
export function DateRangeField({ label }: { label: string }) {
  return (
    <>
      <Form.Item name="from" hidden>
        <input />
      </Form.Item>
      <Form.Item name="to" hidden>
        <input />
      </Form.Item>
      <Form.Item label={label} shouldUpdate={(a, b) => a.from !== b.from || a.to !== b.to}>
        {(form) => {
          const from = form.getFieldValue('from') as string | undefined;
          const to = form.getFieldValue('to') as string | undefined;
          return (
            <DatePicker.RangePicker
              aria-label={label}
              style={{ width: '100%' }}
              allowEmpty={[true, true]}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              onChange={(range) =>
                form.setFieldsValue({
                  from: range?.[0]?.format('YYYY-MM-DD'),
                  to: range?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          );
        }}
      </Form.Item>
    </>
  );
}
