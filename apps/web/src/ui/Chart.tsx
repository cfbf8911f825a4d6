import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from './download';

/**
 * One chart, drawn by ECharts once its code has loaded (lazily), with a button that exports it
 * as a PNG. The chart is an image to assistive technology, named by its title; the figures it
 * draws are also in a table beside it.
 */
export function Chart({
  title,
  option,
  file,
  height = 320,
}: {
  readonly title: string;
  readonly option: EChartsCoreOption;
  /** The PNG's name, without extension. */
  readonly file: string;
  readonly height?: number;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts').then(({ init }) => {
      if (disposed || box.current === null) return;
      chart.current = init(box.current, undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    // No animation: a recompute or a resize shows the new figures at once, never a chart in passing.
    if (ready) chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [ready, option]);

  const exportPng = (): void => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url !== undefined) download(dataUrlBlob(url), `${file}.png`);
  };

  return (
    <figure className="chart">
      <figcaption>
        <span>{title}</span>
        <button type="button" onClick={exportPng} disabled={!ready}>
          {t('common.downloadPng', { chart: title })}
        </button>
      </figcaption>
      {ready ? null : <p className="muted">{t('common.loadingChart')}</p>}
      {/* ECharts owns this element's children: React puts nothing inside it. */}
      <div ref={box} role="img" aria-label={title} style={{ height }} />
    </figure>
  );
}

/** A base64 data: URL as a Blob, decoded here (no fetch of data: URLs, which the page's policy does not allow). */
function dataUrlBlob(url: string): Blob {
  const [head = '', body = ''] = url.split(',', 2);
  const type = /^data:([^;]+)/u.exec(head)?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}
