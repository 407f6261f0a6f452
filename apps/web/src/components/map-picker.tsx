import { AimOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, TileLayer, useMapEvents } from 'react-leaflet';
import {
  FollowContainerSize,
  fromTiles,
  type MapPoint,
  TILE_SUBDOMAINS,
  TILE_URL,
  toTiles,
} from './geo-map.tsx';
import './map-picker-texts.ts';
import 'leaflet/dist/leaflet.css';
import './geo-map.css';

type Props = {
  open: boolean;
  /** The point to start from (WGS-84), if any. */
  value?: MapPoint | null;
  onCancel: () => void;
  onPick: (point: MapPoint) => void;
};

/** Moves the marker where the map is clicked or tapped. */
function ClickToPick({ onClick }: { onClick: (p: MapPoint) => void }) {
  useMapEvents({ click: (e) => onClick(fromTiles(e.latlng.lat, e.latlng.lng)) });
  return null;
}

/**
 * 地图选点: tap the map (or take the phone's position) to place a point; the tiles are GCJ-02,
 * the point comes back as the WGS-84 we store. Loaded lazily: Leaflet stays out of the form's chunk.
 */
export default function MapPicker({ open, value, onCancel, onPick }: Props) {
  const { t } = useTranslation('maps');
  const { message } = App.useApp();
  const [point, setPoint] = useState<MapPoint | null>(value ?? null);
  const [locating, setLocating] = useState(false);
  const center = toTiles(point ?? value ?? { lat: 31.2304, lng: 121.4737 });

  const locate = () => {
    if (!navigator.geolocation) {
      message.error(t('picker.noLocation'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({
          lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
          lng: Math.round(pos.coords.longitude * 1e6) / 1e6,
        });
      },
      () => {
        setLocating(false);
        message.error(t('picker.noLocation'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <Modal
      open={open}
      title={t('picker.title')}
      onCancel={onCancel}
      onOk={() => point && onPick(point)}
      okButtonProps={{ disabled: !point }}
      okText={t('picker.use')}
      destroyOnHidden
      width={720}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('picker.hint')}</Typography.Text>
        <section className="geo-map" style={{ height: 360 }} aria-label={t('picker.title')}>
          <MapContainer center={center} zoom={point ? 16 : 12} style={{ height: '100%', width: '100%' }}>
            <TileLayer url={TILE_URL} subdomains={TILE_SUBDOMAINS} attribution="&copy; 高德地图" />
            <FollowContainerSize />
            <ClickToPick onClick={setPoint} />
            {point ? (
              <CircleMarker
                center={toTiles(point)}
                radius={9}
                pathOptions={{ color: '#fff', weight: 2, fillColor: '#d4380d', fillOpacity: 1 }}
              />
            ) : null}
          </MapContainer>
        </section>
        <Space wrap>
          <Button icon={<AimOutlined />} loading={locating} onClick={locate}>
            {t('picker.here')}
          </Button>
          <Typography.Text aria-live="polite">
            {point
              ? t('picker.picked', { latitude: point.lat.toFixed(6), longitude: point.lng.toFixed(6) })
              : t('picker.none')}
          </Typography.Text>
        </Space>
      </Space>
    </Modal>
  );
}
