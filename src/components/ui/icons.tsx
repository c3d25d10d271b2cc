import type { ReactNode, SVGProps } from "react";

// A handful of 16px stroke icons, inline so the app needs no icon package.
type IconProps = SVGProps<SVGSVGElement>;

function Icon({ children, ...props }: IconProps) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...props}
    >
      {children}
    </svg>
  );
}

/** The 12px inline icons (badges, small buttons); the arrows among them draw a little heavier to stay legible. */
const SMALL: IconProps = { width: "12", height: "12" };
const SMALL_BOLD: IconProps = { ...SMALL, strokeWidth: "1.6" };

/**
 * An icon component from its shape: path data for a single stroked path, or
 * the SVG elements themselves. `defaults` come before the caller's props, so a
 * caller can still resize or restyle any icon.
 */
function icon(shape: string | ReactNode, defaults?: IconProps) {
  const children = typeof shape === "string" ? <path d={shape} /> : shape;
  return function ShapeIcon(props: IconProps) {
    return (
      <Icon {...defaults} {...props}>
        {children}
      </Icon>
    );
  };
}

export const PlusIcon = icon("M8 3v10M3 8h10");
export const TrashIcon = icon("M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v4.5M9.5 6.5v4.5");
export const PencilIcon = icon("M10.5 2.5l3 3L6 13H3v-3l7.5-7.5z");
export const XIcon = icon("M4 4l8 8M12 4l-8 8");
export const PlayIcon = icon(<path d="M5 3.5v9l7-4.5-7-4.5z" fill="currentColor" />);
export const SearchIcon = icon(
  <>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5L14 14" />
  </>,
);
export const ChevronLeftIcon = icon("M10 3L5 8l5 5");
export const ChevronRightIcon = icon("M6 3l5 5-5 5");
export const AlertIcon = icon(
  <>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 4.5v4M8 11h.01" />
  </>,
);
export const CheckIcon = icon("M3 8.5l3.5 3L13 5");
export const DatabaseIcon = icon(
  <>
    <ellipse cx="8" cy="3.5" rx="5.5" ry="2" />
    <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
  </>,
);
export const ActivityIcon = icon("M1.5 8h3l2-5 3 10 2-5h3");
export const StopIcon = icon(<rect x="4" y="4" width="8" height="8" rx="1" fill="currentColor" />);
export const MenuIcon = icon("M2.5 4.5h11M2.5 8h11M2.5 11.5h11");
export const HistoryIcon = icon("M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.5H5M8 5v3l2 1.5");
export const GateIcon = icon("M3 2v6a3 3 0 0 0 3 3h7M10 8l3 3-3 3", SMALL);
export const LockIcon = icon(
  <>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </>,
  SMALL,
);
export const RetryIcon = icon("M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3", SMALL_BOLD);
export const CompareIcon = icon("M5 2.5v11M11 2.5v11M2.5 5.5 5 3l2.5 2.5M8.5 10.5 11 13l2.5-2.5", SMALL_BOLD);
export const DownloadIcon = icon("M8 2.5v8M4.5 7 8 10.5 11.5 7M2.5 13.5h11", SMALL_BOLD);
