/**
 * The search form: a labelled input that goes to /search?q=… and, while typing, suggests papers,
 * authors, institutions, keywords and venues (`autocomplete`), as an ARIA combobox: arrow keys move
 * through the suggestions, Enter opens one (or searches), Escape closes them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { query } from '../api';
import { href, navigate } from '../router';

interface SearchBoxProps {
  /** The input's id (a page may show two boxes: the header's and its own). */
  id: string;
  label: string;
  initial?: string;
  /** Larger, for the home page. */
  prominent?: boolean;
  /** The label is read by screen readers but not shown (the header's box, where space is short). */
  hiddenLabel?: boolean;
}

export interface Suggestion {
  id: string;
  kind: 'PAPER' | 'AUTHOR' | 'INSTITUTION' | 'KEYWORD' | 'VENUE';
  label: string;
}

const KIND_NAMES: Record<Suggestion['kind'], string> = {
  PAPER: 'paper',
  AUTHOR: 'author',
  INSTITUTION: 'institution',
  KEYWORD: 'keyword',
  VENUE: 'venue',
};

export function suggestionHref(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case 'PAPER':
      return href.paper(suggestion.id);
    case 'AUTHOR':
      return href.author(suggestion.id);
    case 'INSTITUTION':
      return href.institution(suggestion.id);
    case 'KEYWORD':
      return href.keyword(suggestion.label);
    case 'VENUE':
      return href.venue(suggestion.id);
  }
}

/** Waits this long after the last keystroke before asking (each answer is cached at the edge anyway). */
const DEBOUNCE_MS = 120;

export function SearchBox({ id, label, initial = '', prominent = false, hiddenLabel = false }: SearchBoxProps) {
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);
  const listId = `${id}-suggestions`;

  useEffect(() => {
    const prefix = text.trim();
    const request = ++latest.current;
    // One Chinese, Japanese or Korean character already narrows well; one Latin letter does not.
    if (prefix.length < 2 && !/[\u3040-\u9fff\uac00-\ud7af]/.test(prefix)) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(() => {
      query<{ autocomplete: Suggestion[] }>('Autocomplete', { prefix }).then(
        (data) => {
          if (request !== latest.current) return;
          setSuggestions(data.autocomplete);
          setActive(-1);
        },
        // Suggestions are a convenience: when they fail, the search itself still works.
        () => request === latest.current && setSuggestions([]),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const expanded = open && suggestions.length > 0;
  const choose = (suggestion: Suggestion) => {
    setOpen(false);
    navigate(suggestionHref(suggestion));
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = expanded && active >= 0 ? suggestions[active] : undefined;
    if (chosen) return choose(chosen);
    const q = text.trim();
    setOpen(false);
    if (q) navigate(href.search({ q }));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setOpen(true);
      // -1 is the input itself: moving past either end of the list comes back to it.
      const count = suggestions.length;
      setActive((current) =>
        event.key === 'ArrowDown'
          ? current + 1 >= count
            ? -1
            : current + 1
          : current - 1 < -1
            ? count - 1
            : current - 1,
      );
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  const activeIndex = active < suggestions.length ? active : -1;
  return (
    <search class={prominent ? 'search-box prominent' : 'search-box'}>
      <form action="/search" onSubmit={submit}>
        <label for={id} class={hiddenLabel ? 'visually-hidden' : undefined}>
          {label}
        </label>
        <div class="combobox">
          <input
            id={id}
            name="q"
            type="text"
            enterkeyhint="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            autocomplete="off"
          />
          <div id={listId} role="listbox" aria-label="Suggestions" class="suggestions" hidden={!expanded}>
            {suggestions.map((suggestion, index) => (
              <div
                key={`${suggestion.kind}-${suggestion.id}`}
                id={`${listId}-${index}`}
                role="option"
                // focus stays in the input (aria-activedescendant); -1 only makes the option focusable by script
                tabIndex={-1}
                aria-selected={index === activeIndex}
                class={index === activeIndex ? 'active' : undefined}
                // mousedown, not click: the input's blur would close the list before a click lands
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(suggestion);
                }}
              >
                <span class="suggestion-label">{suggestion.label}</span>{' '}
                <span class="suggestion-kind">{KIND_NAMES[suggestion.kind]}</span>
              </div>
            ))}
          </div>
        </div>
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
