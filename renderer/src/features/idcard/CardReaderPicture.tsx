/**
 * The place-card picture, drawn here so it needs no file and scales to any size: the reader seen at
 * an angle with its reading zone marked, and an ID card (photo side up) coming down onto it. While
 * `active`, the card moves gently (unless the resident asked for reduced motion, see the CSS).
 */
export function CardReaderPicture({ label, active }: { label: string; active: boolean }) {
  return (
    <svg viewBox="0 0 360 240" role="img" aria-label={label} width="360" height="240" data-testid="idcard-picture" data-active={active}>
      {/* reader body */}
      <rect x="40" y="132" width="280" height="84" rx="18" fill="#1b2430" />
      <rect x="52" y="142" width="256" height="56" rx="12" fill="#2f3d4f" />
      {/* reading zone */}
      <rect x="92" y="146" width="176" height="48" rx="8" fill="none" stroke="#f2b705" strokeWidth="4" strokeDasharray="10 7" />
      <text x="180" y="180" textAnchor="middle" fontSize="26" fontWeight="700" fill="#f2b705">
        读卡区
      </text>
      <circle cx="296" cy="205" r="5" fill="#3fbf6f" />
      {/* the card */}
      <g className="idcard-card">
        <rect x="98" y="22" width="164" height="104" rx="10" fill="#e4edf6" stroke="#0a4c86" strokeWidth="4" />
        <rect x="212" y="36" width="36" height="46" rx="4" fill="#b8c7d9" />
        <circle cx="230" cy="52" r="9" fill="#8da2bb" />
        <path d="M216 80 q14 -18 28 0 z" fill="#8da2bb" />
        <rect x="112" y="40" width="84" height="8" rx="4" fill="#0a4c86" />
        <rect x="112" y="58" width="70" height="7" rx="3.5" fill="#7f96b2" />
        <rect x="112" y="74" width="78" height="7" rx="3.5" fill="#7f96b2" />
        <rect x="112" y="104" width="136" height="8" rx="4" fill="#7f96b2" />
      </g>
      {/* downward arrows: put it here */}
      <path d="M60 60 v44 m-12 -14 l12 14 l12 -14" stroke="#0a4c86" strokeWidth="6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M300 60 v44 m-12 -14 l12 14 l12 -14" stroke="#0a4c86" strokeWidth="6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
