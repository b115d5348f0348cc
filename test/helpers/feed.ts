/**
 * Reads a built RSS file with feedparser, a widely used feed reader that none of us wrote, so the
 * tests see the items as a reader's app would (text unescaped, links resolved, dates parsed).
 */
import { readFileSync } from 'node:fs';
import FeedParser from 'feedparser';

export function readFeed(file: string): Promise<FeedParser.Item[]> {
  const items: FeedParser.Item[] = [];
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({});
    parser.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read() as FeedParser.Item | null)) items.push(item);
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(items));
    parser.end(readFileSync(file));
  });
}
