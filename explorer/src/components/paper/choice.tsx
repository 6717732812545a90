/** A labelled <select> of a few fixed choices (the network's direction and depth, the path's direction and hops). */

interface ChoiceProps<Value extends string | number> {
  label: string;
  value: Value;
  options: readonly { value: Value; label: string }[];
  onChange: (value: Value) => void;
}

export function Choice<Value extends string | number>({ label, value, options, onChange }: ChoiceProps<Value>) {
  return (
    <label>
      {label}{' '}
      <select
        value={value}
        onChange={(event) => {
          // The option's value back as the option gave it (a number stays a number).
          const picked = options.find((option) => String(option.value) === event.currentTarget.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "1 hop", "3 hops". */
export function hopsText(hops: number): string {
  return `${hops} ${hops === 1 ? 'hop' : 'hops'}`;
}

/** Choices of 1 … `most` hops. */
export function hopChoices(most: number): { value: number; label: string }[] {
  return Array.from({ length: most }, (_, index) => ({ value: index + 1, label: hopsText(index + 1) }));
}
