import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SearchResult, Suggestion } from '../../../../electron/common/contract/library-api';
import { DocumentOffers, documentMatchesQuery } from '../../components/documents/DocumentOffers';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { keyboardReducer } from '../../components/keyboard/keyboard-state';
import { HelpCard } from '../../components/help/HelpCard';
import { Button } from '../../components/ui/Button';
import { Card, Notice, PlainList, SectionTitle } from '../../components/ui/Card';
import { ChevronIcon, SearchIcon } from '../../components/ui/icons';
import { Screen, ScreenTitle, StatusLine } from '../../components/ui/Screen';
import { CONTENT_LANG, MarkChinese, Message, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import { useNavigation } from '../../lib/navigation';
import { useSystemInfo } from '../../lib/system-info';
import { createDebouncer } from './debounce';
import { Highlight } from './Highlight';
import { useLibraryApi } from '../../lib/library-client';
import { recallSearch, rememberSearch } from './search-memory';
import chip from '../../components/ui/chip.module.css';
import layout from '../../components/ui/layout.module.css';
import textField from '../../components/ui/text-field.module.css';
import styles from './search-screen.module.css';
import { hasAnyResult, nonEmptyGroups, normaliseQuery, suggestionAction, type ResultGroupKind } from './search-view';

/** Ask for suggestions once the resident pauses this long. */
const SUGGEST_DELAY_MS = 250;

const exampleKeys: readonly MessageKey[] = ['search.example.wages', 'search.example.dog', 'search.example.deposit', 'search.example.article'];

type SearchState = { status: 'idle' } | { status: 'loading'; query: string } | { status: 'ready'; result: SearchResult } | { status: 'error'; query: string };

/**
 * 找法律 · 问问题: one large box, words to tap while typing, and results grouped as 常见问答 /
 * 法律条文 / 办事指南. Whatever happens — nothing found, no library, the host not answering —
 * the screen says what to try next and who can help.
 */
export function SearchScreen() {
  const t = useT();
  const api = useLibraryApi();
  const navigation = useNavigation();
  const entryKey = navigation.current.key;
  // 模糊音 as provisioned for this terminal (or from its region).
  const fuzzyPinyin = useSystemInfo().input?.fuzzyPinyin ?? false;

  const [restored] = useState(() => recallSearch(entryKey));
  const [text, setText] = useState(restored?.text ?? '');
  const [search, setSearch] = useState<SearchState>(restored?.result ? { status: 'ready', result: restored.result } : { status: 'idle' });
  const [suggestions, setSuggestions] = useState<{ text: string; items: Suggestion[] }>({ text: '', items: [] });
  const [keyboardOpen, setKeyboardOpen] = useState(!restored?.result);
  const input = useRef<HTMLInputElement>(null);
  // The on-screen keyboard's pinyin still being typed, put into the box (搜索 beside the box and Enter search it too).
  const keyboardPending = useRef<(() => string) | null>(null);
  const searchSeq = useRef(0);
  const suggestSeq = useRef(0);

  // Leave the results behind for 返回 from an answer or an article.
  const latest = useRef({ text, search });
  latest.current = { text, search };
  useEffect(
    () => () => {
      const { text: lastText, search: lastSearch } = latest.current;
      rememberSearch(entryKey, { text: lastText, result: lastSearch.status === 'ready' ? lastSearch.result : null });
    },
    [entryKey],
  );

  const debouncer = useMemo(
    () =>
      createDebouncer<string>((query) => {
        const seq = ++suggestSeq.current;
        api.search.suggest({ text: query }).then(
          (items) => {
            if (seq === suggestSeq.current) setSuggestions({ text: query, items });
          },
          () => {
            // Suggestions are a convenience: without them the resident can still search.
            if (seq === suggestSeq.current) setSuggestions({ text: query, items: [] });
          },
        );
      }, SUGGEST_DELAY_MS),
    [api],
  );
  useEffect(() => () => debouncer.cancel(), [debouncer]);

  const changeText = useCallback(
    (next: string) => {
      setText(next);
      const query = normaliseQuery(next);
      if (query) debouncer.push(query);
      else {
        debouncer.cancel();
        suggestSeq.current++;
        setSuggestions({ text: '', items: [] });
      }
    },
    [debouncer],
  );

  const submit = useCallback(
    (raw: string, exact = false) => {
      const query = normaliseQuery(raw);
      if (!query) {
        input.current?.focus();
        return;
      }
      debouncer.cancel();
      suggestSeq.current++;
      setSuggestions({ text: '', items: [] });
      setText(query);
      setKeyboardOpen(false);
      input.current?.blur();
      const seq = ++searchSeq.current;
      setSearch({ status: 'loading', query });
      api.search.query({ text: query, ...(exact ? { exact: true } : {}) }).then(
        (result) => {
          if (seq !== searchSeq.current) return;
          // A corrected query (劳懂合同 → 劳动合同) shows in the box as searched; 仍按…查找 brings the typed one back.
          if (result.correctedFrom) setText(result.query);
          setSearch({ status: 'ready', result });
        },
        () => {
          if (seq === searchSeq.current) setSearch({ status: 'error', query });
        },
      );
    },
    [api, debouncer],
  );

  const pickSuggestion = (suggestion: Suggestion): void => {
    const action = suggestionAction(suggestion);
    if (action.type === 'open-qa') navigation.open('qa', { id: action.id });
    else submit(action.text);
  };

  // A physical keyboard: typing anywhere on this screen goes into the box.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      input.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const onFormSubmit = (event: FormEvent): void => {
    event.preventDefault();
    submit(keyboardPending.current?.() ?? text);
  };

  const showSuggestions = suggestions.items.length > 0 && suggestions.text === normaliseQuery(text);
  const suggestionChips = showSuggestions ? (
    <div className={styles.suggestions} data-testid="suggestions">
      <span className={styles.suggestionsTitle}>{t('search.suggestions.title')}</span>
      {suggestions.items.map((suggestion) => (
        <button
          key={`${suggestion.kind}:${suggestion.text}`}
          type="button"
          className={`${chip.chip} ${styles.chip}`}
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => pickSuggestion(suggestion)}
          lang={CONTENT_LANG}
          data-suggestion-kind={suggestion.kind}
        >
          {suggestion.text}
        </button>
      ))}
    </div>
  ) : null;

  const exampleChips = exampleKeys.map((key) => (
    <button
      key={key}
      type="button"
      className={`${chip.chip} ${styles.chip}`}
      onPointerDown={(event) => event.preventDefault()}
      onClick={() => submit(t(key))}
      // The examples are searches over Chinese content, in Chinese in every language.
      lang={CONTENT_LANG}
      data-testid="example-chip"
    >
      {t(key)}
    </button>
  ));
  const examples = <div className={styles.chips}>{exampleChips}</div>;

  // Before anything is typed, the examples sit above the keyboard and wrap onto as many lines as
  // they need (the keyboard's own bar is one sideways-scrolling line, which cut them off at 1080 px);
  // once the resident types, the bar above the keys holds words for what is typed so far.
  const firstVisit = search.status === 'idle' && normaliseQuery(text) === null;
  const exampleBar = (
    <div className={styles.suggestions} data-testid="examples">
      <span className={styles.suggestionsTitle}>{t('search.examples.short')}</span>
      {exampleChips}
    </div>
  );
  const candidates = suggestionChips;

  return (
    <Screen width="wide" gap="tight" top="tight">
      <ScreenTitle>{t('home.search.title')}</ScreenTitle>

      <form className={styles.searchBar} role="search" onSubmit={onFormSubmit}>
        <label className={styles.label} htmlFor="search-input">
          {t('search.prompt')}
        </label>
        <div className={styles.inputRow}>
          <input
            id="search-input"
            ref={input}
            className={`${textField.textField} ${styles.input}`}
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            // Our own keyboard is on screen; keep the system's touch keyboard from covering it.
            inputMode="none"
            enterKeyHint="search"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => changeText(keyboardReducer({ text, mode: 'letters' }, { type: 'set', text: event.target.value }).text)}
            onClick={() => setKeyboardOpen(true)}
            data-testid="search-input"
          />
          <Button icon={<SearchIcon />} className={styles.submit} onClick={() => submit(keyboardPending.current?.() ?? text)} data-testid="search-submit">
            {t('search.submit')}
          </Button>
        </div>
      </form>

      {keyboardOpen && firstVisit && exampleBar}

      {keyboardOpen ? (
        <OnScreenKeyboard
          value={text}
          onChange={changeText}
          onSubmit={submit}
          submitLabel={t('search.submit')}
          candidates={candidates}
          fuzzyPinyin={fuzzyPinyin}
          commitPending={keyboardPending}
        />
      ) : (
        <>
          {suggestionChips}
          <div>
            <Button variant="secondary" onClick={() => setKeyboardOpen(true)} data-testid="show-keyboard">
              {t('search.keyboard.show')}
            </Button>
          </div>
        </>
      )}

      {search.status === 'idle' && !keyboardOpen && (
        <section className={layout.stack} data-testid="examples">
          <h2 className={layout.leadHeading}>{t('search.examples.title')}</h2>
          {examples}
        </section>
      )}

      {search.status === 'loading' && <StatusLine>{t('search.loading')}</StatusLine>}

      {search.status === 'error' && (
        <Notice as="section" panel role="alert">
          <p>{t('search.error')}</p>
          <div>
            <Button onClick={() => submit(search.query)}>{t('search.retry')}</Button>
          </div>
          <HelpCard />
        </Notice>
      )}

      {search.status === 'ready' && <Results result={search.result} examples={examples} onSearchAsTyped={(typed) => submit(typed, true)} />}
      {search.status === 'ready' && <DocumentOffers filter={(d) => documentMatchesQuery(d, search.result.query)} />}
    </Screen>
  );
}

function Results({ result, examples, onSearchAsTyped }: { result: SearchResult; examples: ReactNode; onSearchAsTyped(typed: string): void }) {
  const t = useT();
  const navigation = useNavigation();
  const groups = nonEmptyGroups(result);
  const { citation } = result;

  return (
    <section className={`${layout.stack} ${layout.gapWide}`} data-testid="search-results" aria-live="polite">
      <SectionTitle>
        <Message id="search.resultsFor" values={{ query: <MarkChinese text={result.query} /> }} />
      </SectionTitle>

      {result.correctedFrom && (
        <p className={styles.corrected} data-testid="corrected">
          <span>{t('search.corrected', { corrected: result.query })}</span>
          <button type="button" className={styles.correctedUndo} onClick={() => onSearchAsTyped(result.correctedFrom ?? '')} data-testid="search-as-typed">
            {t('search.searchOriginal', { original: result.correctedFrom })}
          </button>
        </p>
      )}

      {!result.libraryInstalled && (
        <Notice panel data-testid="library-missing">
          {t('search.libraryMissing')}
        </Notice>
      )}

      {citation &&
        (citation.found ? (
          <Button
            className={styles.citation}
            icon={<ChevronIcon />}
            onClick={() => navigation.open('article', { key: citation.key })}
            data-testid="citation-open"
          >
            <Message id="search.citation.open" values={{ display: <Zh>{citation.display}</Zh> }} />
          </Button>
        ) : (
          <Notice panel data-testid="citation-missing">
            <Message id="search.citation.missing" values={{ display: <Zh>{citation.display}</Zh> }} />
          </Notice>
        ))}

      {result.alsoSearched.length > 0 && (
        <p className={styles.alsoSearched} data-testid="also-searched">
          <Message id="search.alsoSearched" values={{ terms: <Zh>{result.alsoSearched.join(t('search.termSeparator'))}</Zh> }} />
        </p>
      )}

      {groups.map((kind) => (
        <ResultGroup key={kind} kind={kind} result={result} />
      ))}

      {!hasAnyResult(result) && (
        <Card as="div" data-testid="no-results">
          <SectionTitle as="h3">
            <Message id="search.empty.title" values={{ query: <MarkChinese text={result.query} /> }} />
          </SectionTitle>
          <p>
            <MarkChinese text={t('search.empty.tryOther')} />
          </p>
          <p>{t('search.empty.examples')}</p>
          {examples}
          <HelpCard titleKey="search.help.title" />
        </Card>
      )}
    </section>
  );
}

const groupTitle: Record<ResultGroupKind, MessageKey> = {
  qa: 'search.group.qa',
  articles: 'search.group.articles',
  procedures: 'search.group.procedures',
};

function ResultGroup({ kind, result }: { kind: ResultGroupKind; result: SearchResult }) {
  const t = useT();
  const navigation = useNavigation();
  const count = result[kind].length;

  return (
    <section className={styles.group} data-testid={`group-${kind}`}>
      <h3 className={styles.groupTitle}>
        {t(groupTitle[kind])}
        <span className={styles.groupCount}>{t('search.group.count', { count })}</span>
      </h3>
      <PlainList>
        {kind === 'qa' &&
          result.qa.map((hit) => (
            <Hit
              key={hit.id}
              eyebrow={hit.domainLabel}
              title={<Highlight value={hit.question} />}
              snippet={<Highlight value={hit.snippet} />}
              onOpen={() => navigation.open('qa', { id: hit.id })}
              testId="qa-hit"
            />
          ))}
        {kind === 'articles' &&
          result.articles.map((hit) => (
            <Hit
              key={hit.key}
              eyebrow={hit.headings.length > 0 ? hit.headings.join(' · ') : undefined}
              title={
                <>
                  {hit.lawTitle} {hit.label}
                </>
              }
              snippet={<Highlight value={hit.snippet} />}
              onOpen={() => navigation.open('article', { key: hit.key })}
              testId="article-hit"
            />
          ))}
        {kind === 'procedures' &&
          result.procedures.map((hit) => (
            <Hit
              key={hit.id}
              title={<Highlight value={hit.title} />}
              snippet={hit.summary}
              onOpen={() => navigation.open('procedure', { id: hit.id })}
              testId="procedure-hit"
            />
          ))}
      </PlainList>
    </section>
  );
}

/** One result: the whole card is one button that opens the answer, the article or the guide. */
function Hit({
  eyebrow,
  title,
  snippet,
  onOpen,
  testId,
}: {
  eyebrow?: string | undefined;
  title: ReactNode;
  snippet: ReactNode;
  onOpen(): void;
  testId: string;
}) {
  return (
    <li>
      {/* Everything on a result card is content (question, law, snippet): Chinese in every language. */}
      <button type="button" className={styles.hit} onClick={onOpen} lang={CONTENT_LANG} data-testid={testId}>
        {eyebrow !== undefined && <span className={styles.hitEyebrow}>{eyebrow}</span>}
        <span className={styles.hitTitle}>{title}</span>
        <span className={styles.hitSnippet}>{snippet}</span>
        <ChevronIcon className={styles.hitChevron} />
      </button>
    </li>
  );
}
