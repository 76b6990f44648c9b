"use client";

import { useEffect } from "react";

const withoutCount = (title: string) => title.replace(/^\(\d+\+?\) /, "");
let baseIcon: string | null = null;

/** The app's icon with the count in a red badge, drawn once per count. */
function badgedIcon(count: number): Promise<string> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      const context = canvas.getContext("2d");
      if (!context) return resolve(baseIcon ?? "");
      context.drawImage(image, 0, 0, 64, 64);
      context.fillStyle = "#dc2626";
      context.beginPath();
      context.arc(44, 20, 20, 0, Math.PI * 2);
      context.fill();
      context.fillStyle = "#ffffff";
      context.font = "bold 26px sans-serif";
      context.textAlign = "center";
      context.textBaseline = "middle";
      context.fillText(count > 99 ? "99" : String(count), 44, 21);
      resolve(canvas.toDataURL("image/png"));
    };
    image.onerror = () => resolve(baseIcon ?? "");
    image.src = baseIcon ?? "/icon.svg";
  });
}

/**
 * The tab says how many tickets wait for me, unread: "(3) Inbox" and a badge on the icon,
 * so an agent in another tab sees new work arrive.
 */
export function useUnreadBadge(count: number): void {
  // Next sets the title itself (after hydration, on each page): the count is put back
  // whenever the title changes under it.
  useEffect(() => {
    const apply = () => {
      const bare = withoutCount(document.title);
      const wanted = count > 0 ? `(${count}) ${bare}` : bare;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [count]);
  useEffect(() => {
    let link = document.querySelector<HTMLLinkElement>('link[rel="icon"][data-unread]');
    if (!link) {
      const original = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      baseIcon ??= original?.href ?? "/icon.svg";
      link = document.createElement("link");
      link.rel = "icon";
      link.dataset.unread = "";
      document.head.appendChild(link);
    }
    const target = link;
    target.dataset.unread = String(count);
    if (count === 0) {
      target.href = baseIcon ?? "/icon.svg";
      return;
    }
    let current = true;
    void badgedIcon(count).then((href) => {
      if (current && href) target.href = href;
    });
    return () => {
      current = false;
    };
  }, [count]);
  useEffect(
    () => () => {
      document.title = withoutCount(document.title);
      document.querySelector('link[rel="icon"][data-unread]')?.remove();
    },
    [],
  );
}
