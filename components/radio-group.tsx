"use client";

/** A labelled row of radio buttons for one URL view option. */
export function RadioGroup<T extends string>(props: {
  name: string;
  title: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  testId: string;
  help?: string;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid={props.testId} title={props.help}>
      <legend className="sr-only">{props.title}</legend>
      <span className="font-medium">{props.title}</span>
      {props.options.map((option) => (
        <label key={option.value} className="flex items-center gap-1">
          <input type="radio" name={props.name} value={option.value} checked={props.value === option.value} onChange={() => props.onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
