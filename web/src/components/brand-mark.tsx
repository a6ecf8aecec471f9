/** The MedLoop mark: a loop around a cross, drawn inline so the header needs no image request. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path d="M13 8h6v5h5v6h-5v5h-6v-5H8v-6h5z" fill="#fff" />
      <circle cx="16" cy="16" r="12.5" fill="none" stroke="#fff" strokeOpacity=".45" strokeWidth="1.5" />
    </svg>
  );
}
