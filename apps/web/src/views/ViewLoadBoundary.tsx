import { Component, type ReactNode } from 'react';
import type { Lang } from '@shopplan/schema';
import { t } from '../i18n/index.ts';

interface Props {
  lang: Lang;
  /** The view shown: a failure is forgotten when the planner switches to another one. */
  view: string;
  children: ReactNode;
}

/**
 * Catches a view whose code could not be loaded (its chunk is fetched when
 * first shown: a tab left open across a new deploy asks for a file that is
 * gone, or the network dropped). The page, its tabs and the session stay;
 * the view's place says what happened in zh and en and offers a reload.
 * Nothing typed is lost: the journal and IndexedDB hold every edit.
 */
export class ViewLoadBoundary extends Component<Props, { failed: string | null }> {
  override state: { failed: string | null } = { failed: null };

  static getDerivedStateFromError(): { failed: string } {
    return { failed: 'view' };
  }

  override componentDidUpdate(prev: Props): void {
    // another view was chosen: try again (its own chunk may load)
    if (prev.view !== this.props.view && this.state.failed !== null) this.setState({ failed: null });
  }

  override render(): ReactNode {
    if (this.state.failed === null) return this.props.children;
    return (
      <div className="notice error" role="alert" data-testid="view-load-failed">
        <p>{t('viewLoadFailed', this.props.lang)}</p>
        <button type="button" onClick={() => location.reload()}>{t('reloadPage', this.props.lang)}</button>
      </div>
    );
  }
}
