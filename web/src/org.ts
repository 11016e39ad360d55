/** Organisation reference data (units, staff, business links), fetched once per page load and cached. */
import { useEffect, useState } from 'react';
import { api } from './api';
import type { BusinessLink, StaffUser, Unit } from './types';

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forget cached reference data (after an admin change or sign-out). */
export function clearOrgCache(): void {
  cache.clear();
}

export const loadUnits = () => cached('units', () => api<{ items: Unit[] }>('/api/units').then((r) => r.items));
export const loadUsers = () => cached('users', () => api<{ items: StaffUser[] }>('/api/users').then((r) => r.items));
export const loadLinks = () => cached('links', () => api<{ items: BusinessLink[] }>('/api/business-links').then((r) => r.items));

export interface Org {
  units: Unit[];
  users: StaffUser[];
  links: BusinessLink[];
  unitName(id: string | null | undefined): string;
  userName(id: string | null | undefined): string;
  linkName(code: string | null | undefined): string;
  /** Drop the cache and load everything again (after an admin change). */
  refresh(): void;
}

/** Reference data for the signed-in user's pages; empty lists until loaded. */
export function useOrg(): Org {
  const [units, setUnits] = useState<Unit[]>([]);
  const [users, setUsers] = useState<StaffUser[]>([]);
  const [links, setLinks] = useState<BusinessLink[]>([]);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let alive = true;
    loadUnits().then((u) => alive && setUnits(u)).catch(() => {});
    loadUsers().then((u) => alive && setUsers(u)).catch(() => {});
    loadLinks().then((l) => alive && setLinks(l)).catch(() => {});
    return () => {
      alive = false;
    };
  }, [generation]);
  return {
    units,
    users,
    links,
    unitName: (id) => units.find((u) => u.id === id)?.name ?? (id ? '—' : '—'),
    userName: (id) => (id ? (users.find((u) => u.id === id)?.displayName ?? '其他单位人员') : '—'),
    linkName: (code) => (code ? (links.find((l) => l.code === code)?.name ?? code) : '—'),
    refresh: () => {
      clearOrgCache();
      setGeneration((g) => g + 1);
    },
  };
}
