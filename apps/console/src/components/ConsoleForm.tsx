import { type ComponentPropsWithoutRef, forwardRef } from 'react';

/**
 * A form whose required and format checks are the console's own (named next to each field, in
 * the user's language): the browser's bubbles ("Please fill out this field.") are switched off.
 * Use it as `component={ConsoleForm}` on a Mantine layout, or directly.
 */
export const ConsoleForm = forwardRef<HTMLFormElement, ComponentPropsWithoutRef<'form'>>(
  function ConsoleForm(props, ref) {
    return <form ref={ref} noValidate {...props} />;
  },
);
