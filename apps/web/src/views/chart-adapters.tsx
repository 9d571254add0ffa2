import type { PageSnapshot } from '../session/controller.ts';

/** Scenarios side by side on GMV, spend and ROI. */
export function ScenarioChart({ snap }: { snap: PageSnapshot }) {
  void snap;
  return <div className="chart" />;
}
