import {
  AccountBookOutlined,
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CameraOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  MailOutlined,
  NotificationOutlined,
  ProjectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { createElement } from 'react';

/**
 * The sidebar's icons by name. The page table (routes.tsx) names them and only the signed-in
 * layout imports this file, so the login page's first load carries none of them.
 */
const menuIcons = {
  AccountBookOutlined,
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CameraOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  MailOutlined,
  NotificationOutlined,
  ProjectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
};

export type MenuIconName = keyof typeof menuIcons;

export const menuIcon = (name: MenuIconName) => createElement(menuIcons[name], { 'aria-hidden': true });
