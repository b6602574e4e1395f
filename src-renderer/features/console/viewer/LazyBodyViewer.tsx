// The body viewer (and the virtualizer it brings) lives in its own chunk, kept out of the first
// load. Not React.lazy, for LazyJsonTree's reason: a Suspense boundary holds revealed content back
// for up to 300 ms. The response area preloads it when the console opens, so it is normally ready.
import { useEffect, useState, type ComponentType } from 'react';
import type { ApiResponse } from '../../../../src-shared/types';

type Viewer = ComponentType<{ response: ApiResponse }>;

let loaded: Viewer | null = null;
let loading: Promise<Viewer> | null = null;

export function preloadBodyViewer(): Promise<Viewer> {
  loading ??= import('./BodyViewer').then((module) => (loaded = module.BodyViewer));
  return loading;
}

export function LazyBodyViewer({ response }: { response: ApiResponse }) {
  const [viewer, setViewer] = useState<{ Viewer: Viewer } | null>(() => (loaded ? { Viewer: loaded } : null));
  useEffect(() => {
    if (viewer) return;
    let live = true;
    void preloadBodyViewer().then((Viewer) => live && setViewer({ Viewer }));
    return () => {
      live = false;
    };
  }, [viewer]);
  if (!viewer) return <p className="muted">Loading the viewer…</p>;
  return <viewer.Viewer response={response} />;
}
