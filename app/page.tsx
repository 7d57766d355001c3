import { redirect } from "next/navigation";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/` opens the first tab, keeping whatever view the query string describes. */
export default async function Home({ searchParams }: { searchParams: SearchParams }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const item of [value ?? []].flat()) query.append(key, item);
  }
  const text = query.toString();
  redirect(text ? `/pareto?${text}` : "/pareto");
}
