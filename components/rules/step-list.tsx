"use client";

import { useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";

/** A row of a rule's conditions or actions: a stable key and the kind it is. */
interface Step<Type extends string> {
  key: string;
  type: Type;
}

/**
 * The editable, ordered list a rule's conditions and actions share: each row picks its kind
 * from a select, shows its own fields, and can be removed; focus returns to "Add" after a
 * removal so the keyboard never lands nowhere.
 */
export function StepList<Type extends string, Item extends Step<Type>>({ noun, legend, intro, error, items, labels, onChange, onAdd, renderValue }: {
  noun: string;
  legend: string;
  intro: ReactNode;
  error?: string;
  items: Item[];
  labels: Record<Type, string>;
  onChange: (items: Item[]) => void;
  onAdd: () => void;
  renderValue: (item: Item, index: number, update: (change: Partial<Item>) => void) => ReactNode;
}) {
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (index: number, change: Partial<Item>) => onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const types = Object.keys(labels) as Type[];
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <p className="text-sm text-slate-600">{intro}</p>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <ol className="space-y-4">
        {items.map((item, index) => (
          <li key={item.key} className="grid grid-cols-1 gap-3 rounded-md bg-slate-50 p-4 lg:grid-cols-[14rem_minmax(0,1fr)_auto] lg:items-start">
            <div className="min-w-0 space-y-1">
              <label htmlFor={`${noun}-${item.key}`} className="block text-sm font-medium text-slate-700">
                {title} {index + 1}
              </label>
              <select
                id={`${noun}-${item.key}`}
                className={inputClass}
                value={item.type}
                autoFocus={item.key.includes("new")}
                onChange={(event) => update(index, { type: event.target.value as Type } as Partial<Item>)}
              >
                {types.map((type) => (
                  <option key={type} value={type}>
                    {labels[type]}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0">{renderValue(item, index, (change) => update(index, change))}</div>
            <Button
              variant="ghost"
              className="justify-self-start lg:mt-6"
              aria-label={`Remove ${noun} ${index + 1}`}
              onClick={() => {
                onChange(items.filter((_, i) => i !== index));
                addButton.current?.focus();
              }}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <button ref={addButton} type="button" className={buttonClass("secondary")} onClick={onAdd}>
        Add {noun}
      </button>
    </fieldset>
  );
}
