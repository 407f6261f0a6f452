import { describe, expect, it } from 'vitest';
import { amapGeocoder, haversineMeters, placeOf, resolveArea } from './geo.ts';

describe('geo', () => {
  it('measures great-circle distances', () => {
    // 1° of latitude ≈ 111.2 km; Shanghai → Beijing ≈ 1,068 km
    expect(haversineMeters({ lat: 31, lng: 121 }, { lat: 32, lng: 121 })).toBeCloseTo(111_195, -2);
    expect(
      haversineMeters({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 }) / 1000,
    ).toBeCloseTo(1068, -1);
  });

  it('resolves province and city offline (WGS-84 in), municipalities with their district', () => {
    expect(resolveArea(31.2304, 121.4737)).toEqual({
      province: '上海市',
      city: '上海市',
      district: '黄浦区',
    });
    expect(resolveArea(31.2989, 120.5853)).toMatchObject({ province: '江苏省', city: '苏州市' });
    expect(resolveArea(30.2741, 120.1551)).toMatchObject({ province: '浙江省', city: '杭州市' });
    expect(resolveArea(23.1291, 113.2644)).toMatchObject({ province: '广东省', city: '广州市' });
    expect(resolveArea(48.8566, 2.3522)).toEqual({ province: null, city: null, district: null });
  });

  it('asks Amap in GCJ-02 for district and street, and gives up quietly when it fails', async () => {
    const asked: URL[] = [];
    const ok = amapGeocoder('test-key', async (url) => {
      asked.push(new URL(String(url)));
      return Response.json({
        status: '1',
        regeocode: {
          addressComponent: { province: '上海市', city: [], district: '浦东新区', township: '陆家嘴街道' },
        },
      });
    });
    const place = await placeOf(31.2397, 121.4998, ok);
    expect(place).toEqual({ province: '上海市', city: '上海市', district: '浦东新区', street: '陆家嘴街道' });
    const [lng, lat] = asked[0].searchParams.get('location')!.split(',').map(Number);
    // GCJ-02 is shifted ~0.002° east and ~0.002° south of WGS-84 in Shanghai
    expect(lng - 121.4998).toBeGreaterThan(0.003);
    expect(lat - 31.2397).toBeLessThan(-0.001);
    expect(asked[0].searchParams.get('key')).toBe('test-key');

    const down = amapGeocoder('k', async () => new Response('busy', { status: 503 }));
    expect(await down.reverse(31.2, 121.4)).toBeNull();
    const broken = amapGeocoder('k', async () => {
      throw new Error('offline');
    });
    expect(await placeOf(31.2304, 121.4737, broken)).toEqual({
      province: '上海市',
      city: '上海市',
      district: '黄浦区',
    });
    const refused = amapGeocoder('k', async () => Response.json({ status: '0', info: 'INVALID_USER_KEY' }));
    expect(await refused.reverse(31.2, 121.4)).toBeNull();
  });
});
