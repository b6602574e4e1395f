// The JSON tree lives in its own chunk, kept out of the first load. Not React.lazy: a Suspense
// boundary holds revealed content back for up to 300 ms, which a 5 MB response would pay on
// every first view. The console preloads the chunk when it opens, so it is normally ready.
import { useEffect, useState, type ComponentType } from 'react';

type Tree = ComponentType<{ value: unknown }>;

let loaded: Tree | null = null;
let loading: Promise<Tree> | null = null;

export function preloadJsonTree(): Promise<Tree> {
  loading ??= import('./JsonTree').then((module) => (loaded = module.default));
  return loading;
}

export function LazyJsonTree({ value }: { value: unknown }) {
  const [tree, setTree] = useState<{ Tree: Tree } | null>(() => (loaded ? { Tree: loaded } : null));
  useEffect(() => {
    if (tree) return;
    let live = true;
    void preloadJsonTree().then((Tree) => live && setTree({ Tree }));
    return () => {
      live = false;
    };
  }, [tree]);
  if (!tree) return <p className="muted">Loading the viewer…</p>;
  return <tree.Tree value={value} />;
}
