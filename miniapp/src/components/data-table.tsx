import { useMemo, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { pressable } from './pressable';
import './data-table.css';

export interface Column<Row> {
  key: string;
  label: string;
  /** what the column sorts by; a column without it does not sort */
  sortValue?: (row: Row) => number | string;
  /** the cell; text by default */
  render: (row: Row) => ReactNode;
  /** numbers align right on a desktop */
  numeric?: boolean;
}

export type SortDirection = 'ascending' | 'descending';

/**
 * A table for staff desks: a real table on a desktop (header row, one row per record, columns that
 * sort when their heading is pressed, the order said by aria-sort and by an arrow in words) and, on a
 * phone, one card per record with each value beside its column's name, and the sortable headings as a
 * row of sort buttons above the cards. The same markup serves both
 * (components/data-table.css switches the layout at 900 px); rows sort in place, on the client.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  initialSort,
}: {
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort?: { key: string; direction: SortDirection };
}) {
  const [sort, setSort] = useState(initialSort);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const press = (column: Column<Row>) =>
    setSort((current) => ({
      key: column.key,
      // numbers first from the largest (the best score, the most cases), words from A
      direction: current?.key === column.key ? (current.direction === 'ascending' ? 'descending' : 'ascending') : column.numeric ? 'descending' : 'ascending',
    }));
  return (
    <View className="gz-table" {...a11y({ role: 'table', label })}>
      <View className="gz-table-head" {...a11y({ role: 'row' })}>
        {columns.map((column) => {
          const direction = sort?.key === column.key ? sort.direction : undefined;
          return (
            <View
              key={column.key}
              className={`gz-table-cell${column.numeric ? ' gz-table-numeric' : ''}${column.sortValue ? '' : ' gz-table-unsortable'}`}
              {...a11y({ role: 'columnheader' })}
              aria-sort={column.sortValue ? (direction ?? 'none') : undefined}
            >
              {column.sortValue ? (
                <View
                  className="gz-table-sort"
                  {...a11y({ role: 'button', label: `${column.label}，${direction ? (direction === 'ascending' ? '升序' : '降序') : '未排序'}，按此列排序` })}
                  {...pressable(() => press(column))}
                  onClick={() => press(column)}
                >
                  {column.label}
                  <View className="gz-table-arrow" aria-hidden>
                    {direction === 'ascending' ? '↑' : direction === 'descending' ? '↓' : '↕'}
                  </View>
                </View>
              ) : (
                column.label
              )}
            </View>
          );
        })}
      </View>
      {sorted.map((row) => (
        <View key={rowKey(row)} className="gz-table-row" {...a11y({ role: 'row' })}>
          {columns.map((column) => (
            <View key={column.key} className={column.numeric ? 'gz-table-cell gz-table-numeric' : 'gz-table-cell'} {...a11y({ role: 'cell' })}>
              {/* on a phone the card says which column each value is from; a desktop has the header row */}
              <View className="gz-table-cell-label">{column.label}</View>
              <View className="gz-table-cell-value">{column.render(row)}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort?: { key: string; direction: SortDirection }): Row[] {
  const column = columns.find((c) => c.key === sort?.key);
  if (!sort || !column?.sortValue) return [...rows];
  const value = column.sortValue;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // a stable sort: rows that tie keep the order the BFF gave them
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = value(a.row);
      const y = value(b.row);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}
