import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, getMe, listRegions, logout, setAuthHandlers } from '../api/index.ts';
import type { MeResponse, RegionDto } from '../api/index.ts';
import { countiesOf, defaultCounty, regionIndex } from '../lib/regions.ts';
import { askPageDataAhead } from './page-data-ahead.ts';

export interface Session {
  /** null once we know nobody is logged in. */
  me: MeResponse | null;
  /** True until the first answer of /api/auth/me. */
  initializing: boolean;
  /** Error of the session probe other than 401 (server down…). */
  probeError: unknown;
  regions: RegionDto[];
  regionsLoading: boolean;
  regionsError: unknown;
  regionById: Map<string, RegionDto>;
  counties: RegionDto[];
  /** The county whose data the pages show. */
  regionCode: string | null;
  setRegionCode: (code: string) => void;
  signedIn: (me: MeResponse) => void;
  refresh: () => Promise<MeResponse | null>;
  signOut: () => Promise<void>;
  reloadRegions: () => void;
}

const SessionContext = createContext<Session | null>(null);

const REGION_KEY_PREFIX = 'bianzhi.region.';

function rememberedRegion(userId: number): string | null {
  try {
    return window.localStorage.getItem(REGION_KEY_PREFIX + String(userId));
  } catch {
    return null;
  }
}

function rememberRegion(userId: number, code: string): void {
  try {
    window.localStorage.setItem(REGION_KEY_PREFIX + String(userId), code);
  } catch {
    // storage may be disabled by policy; the choice then lasts for this page only
  }
}

/**
 * The session probe and the regions, asked for as soon as the script runs (startSessionEarly in
 * main.tsx) instead of one after the other once React has rendered: the pages wait for both. Each
 * is used once, by the first probe and the first regions load; regions asked before the session
 * was known are asked again normally when that request failed (nobody logged in, password change).
 */
let early: { me: Promise<MeResponse> | null; regions: Promise<RegionDto[]> | null } = {
  me: null,
  regions: null,
};

export function startSessionEarly(): void {
  const me = getMe();
  const regions = listRegions({ quiet: true });
  // handled when taken; until then an early failure must not count as unhandled
  me.catch(() => undefined);
  regions.catch(() => undefined);
  early = { me, regions };
}

function takeEarlyMe(): Promise<MeResponse> | null {
  const me = early.me;
  early = { ...early, me: null };
  return me;
}

function takeEarlyRegions(): Promise<RegionDto[]> | null {
  const regions = early.regions;
  early = { ...early, regions: null };
  return regions;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [me, setMe] = useState<MeResponse | null>(null);
  const [initializing, setInitializing] = useState(true);
  const [probeError, setProbeError] = useState<unknown>(undefined);
  const [regions, setRegions] = useState<RegionDto[]>([]);
  const [regionsLoading, setRegionsLoading] = useState(false);
  const [regionsError, setRegionsError] = useState<unknown>(undefined);
  const [regionsNonce, setRegionsNonce] = useState(0);
  const [regionCode, setRegionCodeState] = useState<string | null>(null);
  const askedAhead = useRef(false);
  const permissionsRef = useRef<MeResponse['permissions'] | null>(null);
  permissionsRef.current = me?.permissions ?? null;

  const refresh = useCallback(async (): Promise<MeResponse | null> => {
    try {
      const answer = await (takeEarlyMe() ?? getMe());
      setMe(answer);
      setProbeError(undefined);
      return answer;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setMe(null);
        setProbeError(undefined);
      } else {
        setProbeError(error);
      }
      return null;
    } finally {
      setInitializing(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Let the API client redirect inside the app instead of reloading the page.
  const pathname = location.pathname;
  useEffect(() => {
    setAuthHandlers({
      onUnauthenticated: () => {
        setMe(null);
        if (pathname !== '/login') navigate('/login', { replace: true, state: { from: pathname } });
      },
      onPasswordChangeRequired: () => {
        setMe((current) =>
          current ? { ...current, user: { ...current.user, mustChangePassword: true } } : current,
        );
        navigate('/change-password', { replace: true });
      },
      onTotpEnrolmentRequired: () => {
        setMe((current) =>
          current ? { ...current, user: { ...current.user, mustEnrolTotp: true } } : current,
        );
        navigate('/change-password', { replace: true });
      },
    });
    return () => setAuthHandlers(null);
  }, [navigate, pathname]);

  // Regions are readable once the user is in and the password is settled.
  const userId = me?.user.id ?? null;
  const mustChange = (me?.user.mustChangePassword ?? false) || (me?.user.mustEnrolTotp ?? false);
  const userRegion = me?.user.regionCode ?? null;
  useEffect(() => {
    if (userId === null || mustChange || userRegion === null) {
      setRegions([]);
      setRegionCodeState(null);
      return undefined;
    }
    let active = true;
    setRegionsLoading(true);
    setRegionsError(undefined);
    const ahead = takeEarlyRegions();
    (ahead ? ahead.catch(() => listRegions()) : listRegions()).then(
      (list) => {
        if (!active) return;
        setRegions(list);
        setRegionsLoading(false);
        const index = regionIndex(list);
        const county = defaultCounty(countiesOf(list), index, userRegion, rememberedRegion(userId));
        setRegionCodeState(county);
        // Once per load of the app: the opened page's first requests start now, not after it renders.
        const permissions = permissionsRef.current;
        if (!askedAhead.current && county !== null && permissions) {
          askedAhead.current = true;
          askPageDataAhead(window.location, county, {
            permissions,
            inCounty: index.get(userRegion)?.level === 'county',
          });
        }
      },
      (error: unknown) => {
        if (!active) return;
        setRegionsError(error);
        setRegionsLoading(false);
      },
    );
    return () => {
      active = false;
    };
  }, [userId, mustChange, userRegion, regionsNonce]);

  const setRegionCode = useCallback(
    (code: string) => {
      setRegionCodeState(code);
      if (userId !== null) rememberRegion(userId, code);
    },
    [userId],
  );

  const signedIn = useCallback((answer: MeResponse) => {
    setMe(answer);
    setProbeError(undefined);
    setInitializing(false);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // the session is dropped here either way; the server forgets it when it expires
    }
    setMe(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const reloadRegions = useCallback(() => setRegionsNonce((n) => n + 1), []);

  const value = useMemo<Session>(() => {
    const regionById = regionIndex(regions);
    return {
      me,
      initializing,
      probeError,
      regions,
      regionsLoading,
      regionsError,
      regionById,
      counties: countiesOf(regions),
      regionCode,
      setRegionCode,
      signedIn,
      refresh,
      signOut,
      reloadRegions,
    };
  }, [
    me,
    initializing,
    probeError,
    regions,
    regionsLoading,
    regionsError,
    regionCode,
    setRegionCode,
    signedIn,
    refresh,
    signOut,
    reloadRegions,
  ]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** For pages behind the login guard: the session with a user. */
export function useCurrentUser(): MeResponse {
  const { me } = useSession();
  if (me === null) throw new Error('useCurrentUser needs a logged-in user');
  return me;
}
