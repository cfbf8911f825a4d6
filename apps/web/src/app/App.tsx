import type { i18n as I18n } from 'i18next';
import { lazy, Suspense, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { EngineClient } from '../engine/client';
import { PlanPage } from '../features/plan/PlanPage';
import { PlannerProvider } from '../state/planner';
import { Layout } from './Layout';

// The home page is in the first bundle; every other page loads when first opened.
const ProgrammePage = lazy(() => import('../features/programme/ProgrammePage'));
const ApplicantsPage = lazy(() => import('../features/applicants/ApplicantsPage'));
const ResultsPage = lazy(() => import('../features/results/ResultsPage'));
const ComparePage = lazy(() => import('../features/compare/ComparePage'));
const SweepPage = lazy(() => import('../features/sweep/SweepPage'));
const ScenariosPage = lazy(() => import('../features/scenarios/ScenariosPage'));

const page = (element: React.ReactNode) => <Suspense fallback={<p className="muted">…</p>}>{element}</Suspense>;

const ROUTES: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <PlanPage /> },
      { path: 'programme/:id?', element: page(<ProgrammePage />) },
      { path: 'applicants/:id?', element: page(<ApplicantsPage />) },
      { path: 'results/:id?', element: page(<ResultsPage />) },
      { path: 'compare', element: page(<ComparePage />) },
      { path: 'sweep/:id?', element: page(<SweepPage />) },
      { path: 'scenarios/:savedId?', element: page(<ScenariosPage />) },
      { path: '*', element: <PlanPage /> },
    ],
  },
];

/** The whole planner; tests give it a memory router at a path. */
export function App({ i18n, engine, at }: { readonly i18n: I18n; readonly engine: EngineClient; readonly at?: string }) {
  const [router] = useState(() => (at === undefined ? createBrowserRouter(ROUTES) : createMemoryRouter(ROUTES, { initialEntries: [at] })));
  return (
    <I18nextProvider i18n={i18n}>
      <PlannerProvider engine={engine}>
        <RouterProvider router={router} />
      </PlannerProvider>
    </I18nextProvider>
  );
}
