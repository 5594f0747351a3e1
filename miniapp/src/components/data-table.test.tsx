import { fireEvent, render, screen, within } from '@testing-library/react';
import { DataTable, sortRows, type Column } from './data-table';

interface Unit {
  id: string;
  name: string;
  score: number;
}

const units: Unit[] = [
  { id: 'a', name: '城管执法中队', score: 88 },
  { id: 'b', name: '市场监管所', score: 95.5 },
  { id: 'c', name: '安监办', score: 88 },
];
const columns: Column<Unit>[] = [
  { key: 'name', label: '单位', sortValue: (u) => u.name, render: (u) => u.name },
  { key: 'score', label: '综合得分', numeric: true, sortValue: (u) => u.score, render: (u) => `${u.score}分` },
  { key: 'note', label: '备注', render: () => '—' },
];

const firstCells = () => screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0]!.textContent);

describe('DataTable', () => {
  it('when rows tie, then they keep the order they came in, whichever way the column sorts', () => {
    expect(sortRows(units, columns, { key: 'score', direction: 'descending' }).map((u) => u.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(units, columns, { key: 'score', direction: 'ascending' }).map((u) => u.id)).toEqual(['a', 'c', 'b']);
  });

  it('when a heading is pressed, then the rows sort by it and aria-sort says which way; pressed again, the other way', () => {
    render(<DataTable label="考核" columns={columns} rows={units} rowKey={(u) => u.id} />);
    const scoreHeader = screen.getAllByRole('columnheader')[1]!;
    expect(scoreHeader.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(scoreHeader).getByRole('button'));
    expect(scoreHeader.getAttribute('aria-sort')).toBe('descending');
    expect(firstCells()).toEqual(['单位市场监管所', '单位城管执法中队', '单位安监办']);
    fireEvent.click(within(scoreHeader).getByRole('button', { name: /综合得分，降序/ }));
    expect(scoreHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(firstCells()).toEqual(['单位城管执法中队', '单位安监办', '单位市场监管所']);
  });

  it('when a column has no sort value, then its heading is no button and has no aria-sort', () => {
    render(<DataTable label="考核" columns={columns} rows={units} rowKey={(u) => u.id} />);
    const note = screen.getAllByRole('columnheader')[2]!;
    expect(note.getAttribute('aria-sort')).toBeNull();
    expect(within(note).queryByRole('button')).toBeNull();
  });
});
