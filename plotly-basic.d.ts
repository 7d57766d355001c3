// The scatter/bar-only Plotly build ships no types; it exposes the same API as the full build.
declare module "plotly.js-basic-dist-min" {
  import Plotly from "plotly.js-dist-min";
  export default Plotly;
}
