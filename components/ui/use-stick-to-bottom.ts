"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";

// Within this many pixels of the end counts as "at the newest message".
const SLACK_PX = 48;

/**
 * Keeps a scrolling conversation on its newest message, as a phone does: when another
 * conversation opens, when messages arrive or pictures finish loading while the reader is
 * at the end, and after the reader sends. Someone reading older messages is left there.
 * With `content`, any change in size (pictures, delivery states, a view that shrinks) is
 * followed without being told.
 */
export function useStickToBottom(
  ref: RefObject<HTMLElement | null>,
  { conversation, version, content }: { conversation: string; version: string; content?: RefObject<HTMLElement | null> },
) {
  const atEnd = useRef(true);
  const lastTop = useRef(0);

  const scrollToEnd = useCallback(() => {
    const element = ref.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [ref]);

  // Only the reader scrolling up lets go of the end. A scroll event can arrive after the
  // content grew (a picture loaded) and before the resize is seen: it finds the view short of
  // the end although nobody moved it, and must not count as the reader leaving.
  const onScroll = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    if (element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK_PX) atEnd.current = true;
    else if (element.scrollTop < lastTop.current) atEnd.current = false;
    lastTop.current = element.scrollTop;
  }, [ref]);

  // Follows the end only if the reader is still there. The browser sends the scroll event of
  // a scroll up at its next frame: a message or a resize before then is checked against where
  // the view is, not only against the last event.
  const followIfAtEnd = useCallback(() => {
    onScroll();
    if (atEnd.current) scrollToEnd();
  }, [onScroll, scrollToEnd]);

  useLayoutEffect(() => {
    atEnd.current = true;
    lastTop.current = 0;
  }, [conversation]);

  useLayoutEffect(() => {
    followIfAtEnd();
  }, [conversation, version, followIfAtEnd]);

  useEffect(() => {
    const element = ref.current;
    const inner = content?.current;
    if (!element || !inner) return;
    const observer = new ResizeObserver(followIfAtEnd);
    observer.observe(inner);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, content, followIfAtEnd]);

  /** A picture grew the conversation: follow it if the reader was at the end. */
  const onContentLoad = followIfAtEnd;

  /** The reader sent a message: show it, wherever they were. */
  const stick = useCallback(() => {
    atEnd.current = true;
    scrollToEnd();
  }, [scrollToEnd]);

  return { onScroll, onContentLoad, stick };
}
