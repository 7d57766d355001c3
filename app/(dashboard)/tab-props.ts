import { parseViewState, toQueryString, type ViewState } from "@/lib/view-state";

/** What Next passes a tab page. */
export interface TabPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The page's view state and its canonical query (the key under which the request's data is shared). */
export async function viewOf(props: TabPageProps): Promise<{ state: ViewState; query: string }> {
  const state = parseViewState(await props.searchParams);
  return { state, query: toQueryString(state) };
}
