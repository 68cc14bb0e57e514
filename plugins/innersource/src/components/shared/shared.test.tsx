import { render, screen } from '@testing-library/react';
import { readableTextColor } from './colors';
import { LineChart } from './LineChart';
import { describeSeries, Sparkline } from './Sparkline';

describe('readableTextColor', () => {
  it.each([
    ['#2e7d32', '#ffffff'], // dark green tier
    ['#f9a825', '#000000'], // amber tier
    ['#9e9e9e', '#000000'], // grey tier
    ['#000', '#ffffff'],
    ['#fff', '#000000'],
    ['not a colour', '#000000'],
  ])('puts %p text in %p', (background, expected) => {
    expect(readableTextColor(background)).toBe(expected);
  });
});

describe('Sparkline', () => {
  it('describes its numbers for screen readers', () => {
    render(<Sparkline values={[3, 0, 5]} />);
    expect(
      screen.getByRole('img', {
        name: 'Commits per week for the last 3 weeks, oldest first: 3, 0, 5',
      }),
    ).toBeInTheDocument();
    expect(describeSeries([1, 2])).toBe(
      'Commits per week for the last 2 weeks, oldest first: 1, 2',
    );
  });

  it('draws one bar per week', () => {
    const { container } = render(<Sparkline values={Array(13).fill(1)} />);
    expect(container.querySelectorAll('rect')).toHaveLength(13);
  });
});

describe('LineChart', () => {
  it('says so when a metric has no history', () => {
    render(
      <LineChart
        label="Commits"
        points={[{ at: '2026-11-01T00:00:00Z', value: null }]}
      />,
    );
    expect(
      screen.getByText('No history for this metric yet.'),
    ).toBeInTheDocument();
  });

  it('summarises the series it draws', () => {
    render(
      <LineChart
        label="Commits"
        points={[
          { at: '2026-10-01T12:00:00Z', value: 4 },
          { at: '2026-11-01T12:00:00Z', value: 9 },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Commits: 2 points from 2026-10-01 to 2026-11-01, between 4 and 9',
      }),
    ).toBeInTheDocument();
  });

  it('reads values in the format it is given, on the axis and in the summary', () => {
    render(
      <LineChart
        label="Outside contribution share"
        format={value => `${Math.round(value * 100)}%`}
        points={[
          { at: '2026-10-01T12:00:00Z', value: 0.25 },
          { at: '2026-11-01T12:00:00Z', value: 0.5 },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Outside contribution share: 2 points from 2026-10-01 to 2026-11-01, between 25% and 50%',
      }),
    ).toBeInTheDocument();
    // the axis runs from 0 to at least 1
    expect(screen.getByText('0%')).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
  });

  it('draws backfilled points hollow on a dashed line, says how many in its summary and shows a legend', () => {
    const { container } = render(
      <LineChart
        label="Commits"
        points={[
          { at: '2026-10-18T12:00:00Z', value: 3, backfilled: true },
          { at: '2026-10-25T12:00:00Z', value: 5, backfilled: true },
          { at: '2026-11-01T12:00:00Z', value: 6 },
          { at: '2026-11-02T12:00:00Z', value: 7 },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: "Commits: 4 points from 2026-10-18 to 2026-11-02, between 3 and 7; 2 of them reconstructed from the repository's commit history",
      }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('circle[data-backfilled]')).toHaveLength(
      2,
    );
    // two segments reach a backfilled point, one joins collected points
    const dashed = screen.getByTestId('backfilled-line');
    expect(dashed).toHaveAttribute('stroke-dasharray');
    expect(dashed.getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent(
      "CollectedReconstructed from the repository's commit history, before its first collection",
    );
  });

  it('shows no legend when every point was collected', () => {
    render(
      <LineChart
        label="Commits"
        points={[
          { at: '2026-10-01T12:00:00Z', value: 4 },
          { at: '2026-11-01T12:00:00Z', value: 9 },
        ]}
      />,
    );
    expect(screen.queryByRole('list', { name: 'Legend' })).toBeNull();
  });
});
