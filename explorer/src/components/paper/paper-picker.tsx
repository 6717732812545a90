/**
 * A paper input for the path tool: type a title and pick one of the suggestions (autocomplete), or
 * paste an id (a CiteQL id, acl:…, doi:…). The suggestions are buttons under the input, announced
 * by a live region, so they work with a keyboard and a screen reader alike.
 */
import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '../../use-query';

/** What the input holds: the text, and the paper picked from the suggestions while the text is its title. */
export interface PickedPaper {
  text: string;
  paperId: string | null;
}

/** What the form sends: the picked paper's id, else the text as typed (an id). */
export function pickedValue(picked: PickedPaper): string {
  return picked.paperId ?? picked.text.trim();
}

/** Typing pauses this long before suggestions are asked for (one request per pause, not per key). */
const SUGGEST_DELAY_MS = 250;

interface SuggestionsData {
  autocomplete: { id: string; label: string }[];
}

interface PaperPickerProps {
  id: string;
  label: string;
  value: PickedPaper;
  onChange: (value: PickedPaper) => void;
}

export function PaperPicker({ id, label, value, onChange }: PaperPickerProps) {
  const [prefix, setPrefix] = useState<string | null>(null);
  useEffect(() => {
    const text = value.text.trim();
    // A picked paper needs no suggestions, nor does an external id (`acl:…`, `doi:…`, a URL).
    if (value.paperId !== null || text.length < 2 || text.includes(':')) {
      setPrefix(null);
      return;
    }
    const timer = setTimeout(() => setPrefix(text), SUGGEST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value.text, value.paperId]);
  const suggestions = useQuery<SuggestionsData>('PathSuggestions', prefix === null ? null : { prefix });
  const shown = prefix !== null && suggestions.status === 'done' ? suggestions.data.autocomplete : [];
  const listId = `${id}-suggestions`;
  return (
    <div class="paper-picker">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value.text}
        autocomplete="off"
        aria-describedby={`${id}-hint`}
        aria-controls={shown.length > 0 ? listId : undefined}
        onInput={(event) => onChange({ text: event.currentTarget.value, paperId: null })}
      />
      <span id={`${id}-hint`} class="muted">
        A title (pick a suggestion) or an id such as acl:J93-2004.
      </span>
      <p class="visually-hidden" role="status">
        {prefix !== null && suggestions.status === 'done' ? `${shown.length} suggestions` : ''}
      </p>
      {shown.length > 0 && (
        <ul id={listId} class="picker-suggestions" aria-label={`Papers for ${label}`}>
          {shown.map((suggestion) => (
            <li key={suggestion.id}>
              <button
                type="button"
                onClick={() => {
                  setPrefix(null);
                  onChange({ text: suggestion.label, paperId: suggestion.id });
                  document.getElementById(id)?.focus();
                }}
              >
                {suggestion.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
