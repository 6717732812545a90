/** The search form: a labelled input that goes to /search?q=… (a plain GET form without JavaScript). */
import { useState } from 'preact/hooks';
import { href, navigate } from '../router';

interface SearchBoxProps {
  /** The input's id (a page may show two boxes: the header's and its own). */
  id: string;
  label: string;
  initial?: string;
  /** Larger, for the home page. */
  prominent?: boolean;
}

export function SearchBox({ id, label, initial = '', prominent = false }: SearchBoxProps) {
  const [text, setText] = useState(initial);
  const submit = (event: Event) => {
    event.preventDefault();
    const q = text.trim();
    if (q) navigate(href.search({ q }));
  };
  return (
    <search class={prominent ? 'search-box prominent' : 'search-box'}>
      <form action="/search" onSubmit={submit}>
        <label for={id}>{label}</label>
        <input
          id={id}
          name="q"
          type="search"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          autocomplete="off"
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
