// Next runs this in the browser before React hydrates the page. On a tab that draws charts, Plotly's
// ~1 MB chunk is requested here, so it downloads while the page's own scripts run and hydrate instead of
// after: chart.tsx used to start it only when hydration reached the chart, putting the download (and
// its queueing behind the page's other requests) on the way to the first chart.
import { CHART_TABS, loadPlotFigure } from "./components/plot-loader";

if (CHART_TABS.includes(window.location.pathname)) void loadPlotFigure();
