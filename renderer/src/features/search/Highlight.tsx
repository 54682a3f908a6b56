import type { Highlighted } from '../../../../electron/common/contract/library-api';
import { splitHighlighted } from './highlight';
import styles from './search-screen.module.css';

/** Text with the matched words in <mark>: built from ranges as React text nodes, never as HTML. */
export function Highlight({ value }: { value: Highlighted }) {
  return (
    <>
      {splitHighlighted(value).map((segment, index) =>
        segment.marked ? (
          <mark key={index} className={styles.mark}>
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
